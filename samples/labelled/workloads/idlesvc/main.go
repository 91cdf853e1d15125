// Control: an idle service on a large machine. A loopback HTTP server nobody calls, a metrics
// ticker every 100 ms and a health probe every 500 ms (a client request to the server), for -d:
// almost every P idle at every dump, nothing queued, the thread and goroutine counts steady.
package main

import (
	"flag"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

func main() {
	dur := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	var samples atomic.Int64
	go func() {
		for range time.Tick(100 * time.Millisecond) {
			samples.Add(1)
		}
	}()
	url := "http://" + ln.Addr().String() + "/healthz"
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		if resp, err := http.Get(url); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
}
