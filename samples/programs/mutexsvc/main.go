// An HTTP service whose handlers build a 200-item JSON response, then hold one sync.Mutex across a
// 200 µs sleep (a slow call under the lock), hammered by 64 keep-alive clients in the same process
// for 4 s: the lock serializes the requests, the Ps mostly idle, and the heap grows from the
// runtime's 4 MB minimum while it starts.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

type item struct {
	ID    int               `json:"id"`
	Name  string            `json:"name"`
	Tags  []string          `json:"tags"`
	Attrs map[string]string `json:"attrs"`
}

var mu sync.Mutex
var cache = map[int][]byte{}

func handler(w http.ResponseWriter, r *http.Request) {
	items := make([]item, 200)
	for i := range items {
		items[i] = item{ID: i, Name: fmt.Sprintf("item-%d", i), Tags: []string{"a", "b", "c"}, Attrs: map[string]string{"k": "v"}}
	}
	b, _ := json.Marshal(items)
	mu.Lock()
	cache[len(cache)%1000] = b
	time.Sleep(200 * time.Microsecond) // a slow call under the lock
	mu.Unlock()
	w.Write(b[:64])
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(handler))
	url := "http://" + ln.Addr().String() + "/"
	deadline := time.Now().Add(4 * time.Second)
	var wg sync.WaitGroup
	for c := 0; c < 64; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{}
			for time.Now().Before(deadline) {
				resp, err := client.Get(url)
				if err != nil {
					fmt.Fprintln(os.Stderr, "client:", err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	fmt.Println("done")
}
