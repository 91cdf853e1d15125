// Condition: a goroutine leak (scheddetail). An HTTP client that builds a new http.Transport for
// every request (a common mistake: a client made per call) against a loopback HTTP server, one
// request every -every. Each request's body is read and closed, so its connection goes back to
// that transport's idle pool, where nothing will ever use or close it (no IdleConnTimeout on a zero
// Transport, no IdleTimeout on the server): per request the client's readLoop waits in IO wait and
// its writeLoop in select, and the server's conn.serve waits in IO wait for a next request, for as
// long as the process runs. The goroutines in select and in IO wait grow by about 1/every a second
// each for -d, never falling.
package main

import (
	"flag"
	"io"
	"net"
	"net/http"
	"time"
)

func main() {
	every := flag.Duration("every", 5*time.Millisecond, "time between requests")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	}))
	url := "http://" + ln.Addr().String() + "/health"
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		client := &http.Client{Transport: &http.Transport{}} // a new pool per call, never closed
		resp, err := client.Get(url)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		time.Sleep(*every)
	}
}
