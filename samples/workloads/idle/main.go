// A mostly idle service: a few timer-driven goroutines. Most Ps are idle
// (idleprocs close to gomaxprocs), queues are empty and threads park as idlethreads.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	dur := flag.Duration("d", 3*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			t := time.NewTicker(time.Duration(i*7) * time.Millisecond)
			defer t.Stop()
			for now := range t.C {
				if now.After(deadline) {
					return
				}
			}
		}(i)
	}
	wg.Wait()
}
