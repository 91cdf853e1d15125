// allocserver: httpload's server and clients, but every request builds and drops about -kb KB of
// short-lived buffers (a JSON-ish response assembled in pieces): GC-bound at a low GOGC.
package main

import (
	"flag"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

var sink [][]byte

func main() {
	clients := flag.Int("c", 32, "concurrent clients")
	kb := flag.Int("kb", 512, "KB allocated per request")
	d := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := make([][]byte, 0, *kb)
		n := 0
		for i := 0; i < *kb; i++ {
			b := make([]byte, 1024)
			b[0] = byte(i)
			n += int(b[0])
			parts = append(parts, b)
		}
		sink = parts[:1]
		w.Write([]byte(strconv.Itoa(n)))
	}))
	url := "http://" + ln.Addr().String() + "/"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				resp, err := client.Get(url)
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}
