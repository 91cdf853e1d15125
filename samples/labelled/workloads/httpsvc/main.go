// Condition: saturation, or none (the control), by load. An in-process net/http server on a
// loopback listener and -clients keep-alive clients in the same process, each sending GET
// requests in a closed loop (the next after the previous answer and -think). Each handler spins
// -w iterations of CPU work (no allocation) before a 3-byte answer. Light settings (few clients,
// a think time, short handlers) leave most Ps idle, the goroutines parked in IO wait between
// requests. Heavy settings (think 0, many more clients than Ps, handlers of about a millisecond)
// keep every P busy: almost every request in flight is a handler goroutine that is running or
// runnable, so about clients − GOMAXPROCS of them wait on the run queues for -d.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

//go:noinline
func spin(n int) uint32 {
	x := uint32(2463534242)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	clients := flag.Int("clients", 16, "keep-alive client goroutines")
	work := flag.Int("w", 100000, "spin iterations per request in the handler")
	think := flag.Duration("think", 20*time.Millisecond, "pause between a client's requests")
	dur := flag.Duration("d", 2500*time.Millisecond, "how long the clients send requests")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	var sink uint32
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atomic.AddUint32(&sink, spin(*work))
		io.WriteString(w, "ok\n")
	})}
	go srv.Serve(ln)

	url := "http://" + ln.Addr().String() + "/"
	tr := &http.Transport{MaxIdleConns: *clients, MaxIdleConnsPerHost: *clients, DisableCompression: true}
	client := &http.Client{Transport: tr}
	var reqs int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(*dur)
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			if *think > 0 {
				// Stagger the clients over one think time so their requests do not come in waves.
				time.Sleep(*think * time.Duration(c) / time.Duration(*clients))
			}
			for time.Now().Before(deadline) {
				resp, err := client.Get(url)
				if err != nil {
					panic(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				atomic.AddInt64(&reqs, 1)
				if *think > 0 {
					time.Sleep(*think)
				}
			}
		}(c)
	}
	wg.Wait()
	fmt.Println("requests", atomic.LoadInt64(&reqs), "sink", atomic.LoadUint32(&sink))
}
