// Condition: saturation in phases. A map step of 3×GOMAXPROCS CPU-bound goroutines (every P busy,
// about 2 waiting per P), then a reduce step in main alone, shorter than a 50 ms dump period, over
// and over: one saturation over the run.
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
	per := flag.Int("per-p", 3, "map goroutines per P")
	mapUnits := flag.Int("map", 100, "units of 100,000 iterations per map goroutine")
	reduceUnits := flag.Int("reduce", 250, "units of 100,000 iterations in the reduce step")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	total := 0
	for time.Now().Before(deadline) {
		parts := make([]int, *per*runtime.GOMAXPROCS(0))
		var wg sync.WaitGroup
		for i := range parts {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for u := 0; u < *mapUnits; u++ {
					parts[i] += spin(100000)
				}
			}(i)
		}
		wg.Wait()
		for u := 0; u < *reduceUnits; u++ {
			total += spin(100000)
		}
		for _, p := range parts {
			total += p
		}
	}
	_ = total
}
