// Condition: lock contention. A shared cache: one map behind one sync.Mutex, -n goroutines each
// taking the lock to update -ops entries (a few µs of map work per hold) with almost nothing to
// do outside it, for -d. No allocation in the loop. The lock is held nearly all the time, so all
// but a few goroutines are parked in sync.Mutex.Lock's slow path (semacquire1, wait reason
// "sync.Mutex.Lock" from Go 1.20) at any moment, and most Ps have nothing to run.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 64, "goroutines")
	ops := flag.Int("ops", 128, "map updates per lock hold")
	keys := flag.Int("keys", 4096, "cache entries")
	dur := flag.Duration("d", 1500*time.Millisecond, "duration")
	flag.Parse()
	cache := make(map[int]int, *keys)
	for k := 0; k < *keys; k++ {
		cache[k] = 0
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(*dur)
	for g := 0; g < *n; g++ {
		wg.Add(1)
		go func(seed uint32) {
			defer wg.Done()
			x := seed*2654435761 + 1
			for time.Now().Before(deadline) {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				base := int(x % uint32(*keys))
				mu.Lock()
				for j := 0; j < *ops; j++ {
					cache[(base+j*7)%*keys]++
				}
				mu.Unlock()
			}
		}(uint32(g))
	}
	wg.Wait()
}
