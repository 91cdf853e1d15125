// Condition: saturation in phases. An iterative solver: each iteration runs -per-p CPU-bound tile
// goroutines per P for -par (every P busy, about per-p − 1 waiting per P), then one goroutine checks
// convergence alone for -serial (one P busy, nothing waiting: about two 50 ms dumps), for -d.
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

// busy spins until the deadline.
func busy(until time.Time) int {
	s := 0
	for time.Now().Before(until) {
		s += spin(20000)
	}
	return s
}

func main() {
	per := flag.Int("per-p", 3, "tile goroutines per P")
	par := flag.Duration("par", 200*time.Millisecond, "parallel step")
	serial := flag.Duration("serial", 110*time.Millisecond, "serial step")
	dur := flag.Duration("d", 2500*time.Millisecond, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	sink := 0
	for time.Now().Before(deadline) {
		n := *per * runtime.GOMAXPROCS(0)
		until := time.Now().Add(*par)
		var wg sync.WaitGroup
		results := make([]int, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				results[i] = busy(until)
			}(i)
		}
		wg.Wait()
		sink += busy(time.Now().Add(*serial))
		for _, r := range results {
			sink += r
		}
	}
	_ = sink
}
