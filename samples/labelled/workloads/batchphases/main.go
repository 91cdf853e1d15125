// Condition: saturation in phases. A batch job that alternates a parallel phase, 4×GOMAXPROCS
// CPU-bound goroutines started together (every P busy, about 3 runnable goroutines waiting per P),
// with a short serial phase in which main alone combines the results (one P busy, nothing waiting).
// The serial phase lasts less than one 50 ms dump period, so the backlog is gone at single dumps
// between parallel phases that each last several: one saturation over the whole run.
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
	per := flag.Int("per-p", 4, "goroutines per P in a parallel phase")
	work := flag.Int("work", 40, "units of 100,000 iterations per goroutine in a parallel phase")
	serial := flag.Int("serial", 100, "units of 100,000 iterations in a serial phase")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	sink := 0
	for time.Now().Before(deadline) {
		n := *per * runtime.GOMAXPROCS(0)
		results := make([]int, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for u := 0; u < *work; u++ {
					results[i] += spin(100000)
				}
			}(i)
		}
		wg.Wait()
		for u := 0; u < *serial; u++ {
			sink += spin(100000)
		}
		for _, r := range results {
			sink += r
		}
	}
	_ = sink
}
