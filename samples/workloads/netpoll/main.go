// An HTTP server on loopback under load from many client goroutines:
// goroutines are woken by the network poller.
// Uses ioutil.Discard (not io.Discard) so it also builds with Go 1.10.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"net"
	"net/http"
	"sync"
	"time"
)

func main() {
	clients := flag.Int("c", 64, "client goroutines")
	dur := flag.Duration("d", 4*time.Second, "duration")
	flag.Parse()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s := 0
		for i := 0; i < 20000; i++ {
			s += i
		}
		fmt.Fprintf(w, "%d", s)
	})
	go http.Serve(ln, mux)
	url := "http://" + ln.Addr().String() + "/"
	tr := &http.Transport{MaxIdleConnsPerHost: *clients}
	cl := &http.Client{Transport: tr}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				resp, err := cl.Get(url)
				if err != nil {
					continue
				}
				io.Copy(ioutil.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}
