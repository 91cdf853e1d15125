// A cache warmed at start: 8 goroutines fill a map of 3 million entries (about 300 MB live with
// their values) over a few seconds, then the process idles 2 s with the cache held.
package main

import (
	"fmt"
	"sync"
	"time"
)

type entry struct {
	key   string
	value []byte
}

func main() {
	var mu sync.Mutex
	cache := make(map[int]*entry)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < 3_000_000; i += 8 {
				e := &entry{key: fmt.Sprintf("k%d", i), value: make([]byte, 64)}
				mu.Lock()
				cache[i] = e
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	time.Sleep(2 * time.Second)
	fmt.Println(len(cache))
}
