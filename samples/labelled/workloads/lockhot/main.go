// Condition: lock contention. -n goroutines share one sync.Mutex and hold it for about -hold of
// CPU each time, with almost nothing to do outside it. Only the holder runs: the others park in
// sync.Mutex.Lock's slow path (semacquire1; the G lines say "sync.Mutex.Lock" from Go 1.20,
// "semacquire" before), and Unlock readies one at a time. Most Ps stay idle: no run-queue backlog.
package main

import (
	"flag"
	"sync"
	"time"
)

//go:noinline
func spin(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}

func main() {
	n := flag.Int("n", 64, "goroutines")
	hold := flag.Duration("hold", 200*time.Microsecond, "CPU time inside the lock")
	dur := flag.Duration("d", 1500*time.Millisecond, "duration")
	flag.Parse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(*dur)
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				mu.Lock()
				spin(*hold)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
