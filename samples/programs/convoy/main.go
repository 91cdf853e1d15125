// convoy: 200 goroutines take one sync.Mutex around a short critical section (a map update) and
// do a little work outside it, in a loop, for 2 s: a lock convoy.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 200, "goroutines")
	inside := flag.Int("inside", 2000, "work inside the lock")
	outside := flag.Int("outside", 2000, "work outside the lock")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	var mu sync.Mutex
	m := map[int]int{}
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	for g := 0; g < *n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := g
			for time.Now().Before(stop) {
				for i := 0; i < *outside; i++ {
					x = x*31 + i
				}
				mu.Lock()
				for i := 0; i < *inside; i++ {
					x = x*17 + i
				}
				m[x%1024]++
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
}
