// Control for saturation: short bursts. Every -every, 2×GOMAXPROCS goroutines each do a little CPU
// work (a few ms) and exit; between bursts the Ps are idle. A backlog lasts a small part of each
// period, far less than the 500 ms saturation needs, and most dumps see none.
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
	per := flag.Int("per-p", 2, "goroutines per P in a burst")
	work := flag.Int("work", 20, "units of 100,000 iterations per goroutine")
	every := flag.Duration("every", 200*time.Millisecond, "time between bursts")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	sink := make([]int, *per*runtime.GOMAXPROCS(0))
	for time.Now().Before(deadline) {
		start := time.Now()
		var wg sync.WaitGroup
		for i := range sink {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for u := 0; u < *work; u++ {
					sink[i] += spin(100000)
				}
			}(i)
		}
		wg.Wait()
		time.Sleep(*every - time.Since(start))
	}
}
