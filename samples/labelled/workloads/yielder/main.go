// Condition: saturation by goroutines that yield. -per-p × GOMAXPROCS goroutines each spin about
// 50 µs and call runtime.Gosched, for -d. Gosched puts the caller on the global queue
// (goschedImpl → globrunqput), so the waiting goroutines sit there rather than in the rings: every
// P busy, about (per-p − 1) goroutines per P waiting, all of it CPU demand.
package main

import (
	"flag"
	"runtime"
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

var sink int

func main() {
	perP := flag.Int("per-p", 4, "goroutines per P")
	work := flag.Int("w", 50000, "work between yields")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	n := *perP * runtime.GOMAXPROCS(0)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for time.Now().Before(deadline) {
				s += spin(*work)
				runtime.Gosched()
			}
			mu.Lock()
			sink += s
			mu.Unlock()
		}()
	}
	wg.Wait()
}
