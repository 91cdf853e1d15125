// Control for saturation: a periodic job. Every 500 ms, 4×GOMAXPROCS CPU-bound goroutines run for
// 200 ms (every P busy with a backlog), then all sleep for the rest of the period. Each busy stretch
// is shorter than saturation's 500 ms, and the idle stretches between are longer than it.
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

func main() {
	per := flag.Int("per-p", 4, "CPU-bound goroutines per P in a busy stretch")
	busy := flag.Duration("busy", 200*time.Millisecond, "busy stretch")
	every := flag.Duration("every", 500*time.Millisecond, "period")
	dur := flag.Duration("d", 2500*time.Millisecond, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		start := time.Now()
		end := start.Add(*busy)
		var wg sync.WaitGroup
		for i := 0; i < *per*runtime.GOMAXPROCS(0); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(end) {
					spin(100000)
				}
			}()
		}
		wg.Wait()
		time.Sleep(*every - time.Since(start))
	}
}
