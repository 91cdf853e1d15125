// hotlock: -g goroutines that each take one sync.Mutex, hold it for about -hold of CPU, and do
// about as much work outside it, for -d: a lock every request goes through.
package main

import (
	"flag"
	"sync"
	"time"
)

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	g := flag.Int("g", 64, "goroutines")
	hold := flag.Int("hold", 100_000, "spin iterations inside the lock")
	d := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()
	var mu sync.Mutex
	shared := 0
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				mu.Lock()
				shared += spin(*hold)
				mu.Unlock()
				shared += spin(*hold)
			}
		}()
	}
	wg.Wait()
}
