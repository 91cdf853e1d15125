// Condition: an injection burst (scheddetail). An HTTP API behind a batching client: -conns
// keep-alive connections to a loopback net/http server sit idle (the server's goroutine for each in
// IO wait) until, every -every, the client fires one request on every connection at once: hundreds
// of connections become readable together, the poller readies their server goroutines in one
// netpoll (injectglist) and the IO wait count drops by hundreds between two dumps, more than the Ps
// can run at once; each handler spins a few hundred µs and answers. -waves waves.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
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
	conns := flag.Int("conns", 300, "keep-alive connections")
	every := flag.Duration("every", 300*time.Millisecond, "time between waves")
	waves := flag.Int("waves", 8, "waves")
	work := flag.Int("w", 100000, "spin iterations per request")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%d", spin(*work))
	}))
	url := "http://" + ln.Addr().String() + "/quote"
	clients := make([]*http.Client, *conns)
	for i := range clients {
		clients[i] = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	}
	fire := func() {
		var wg sync.WaitGroup
		for _, c := range clients {
			wg.Add(1)
			go func(c *http.Client) {
				defer wg.Done()
				if resp, err := c.Get(url); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}(c)
		}
		wg.Wait()
	}
	fire() // open the connections
	for w := 0; w < *waves; w++ {
		time.Sleep(*every)
		fire()
	}
	time.Sleep(*every)
}
