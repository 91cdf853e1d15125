package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

type Item struct {
	ID    int               `json:"id"`
	Name  string            `json:"name"`
	Tags  []string          `json:"tags"`
	Attrs map[string]string `json:"attrs"`
}

func main() {
	dur := 4 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/items", func(w http.ResponseWriter, r *http.Request) {
		var in Item
		json.NewDecoder(r.Body).Decode(&in)
		out := make([]Item, 50)
		for i := range out {
			out[i] = Item{ID: in.ID + i, Name: fmt.Sprintf("item-%d", i), Tags: []string{"a", "b", "c"}, Attrs: map[string]string{"k": "v", "x": "y"}}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	url := "http://" + ln.Addr().String() + "/items"
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	cl := &http.Client{Transport: tr}
	var n int64
	var wg sync.WaitGroup
	stop := time.Now().Add(dur)
	for c := 0; c < 48; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for time.Now().Before(stop) {
				b, _ := json.Marshal(Item{ID: c, Name: "req", Tags: []string{"t"}})
				resp, err := cl.Post(url, "application/json", bytes.NewReader(b))
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				atomic.AddInt64(&n, 1)
			}
		}(c)
	}
	wg.Wait()
	fmt.Fprintf(os.Stdout, "requests: %d\n", n)
}
