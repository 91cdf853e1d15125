// rwstarve: 64 readers take a sync.RWMutex's read lock around a little CPU work, in a loop; one
// writer takes the write lock every 5 ms. Each waiting writer blocks new readers.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	readers := flag.Int("readers", 64, "reader goroutines")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	var mu sync.RWMutex
	shared := 0
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	for r := 0; r < *readers; r++ {
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			x := r
			for time.Now().Before(stop) {
				mu.RLock()
				for i := 0; i < 20000; i++ {
					x = x*31 + shared
				}
				mu.RUnlock()
			}
			_ = x
		}(r)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for time.Now().Before(stop) {
			mu.Lock()
			shared++
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	wg.Wait()
}
