// An HTTP server and its clients in one process: JSON handlers that allocate, 64 client goroutines
// on keep-alive connections, for 3 s.
package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

type item struct {
	ID   int      `json:"id"`
	Name string   `json:"name"`
	Tags []string `json:"tags"`
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		items := make([]item, 200)
		for i := range items {
			items[i] = item{ID: i, Name: "item", Tags: []string{"a", "b", "c"}}
		}
		json.NewEncoder(w).Encode(items)
	})
	go http.Serve(ln, mux)
	url := "http://" + ln.Addr().String() + "/"
	deadline := time.Now().Add(3 * time.Second)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	client := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	for c := 0; c < 64; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
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
