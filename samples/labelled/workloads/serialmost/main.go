// Control for saturation: mostly serial. One goroutine works alone for -serial, then exactly one
// CPU-bound goroutine per P runs for -par (every P busy, nothing waiting), for -d: no backlog.
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

func busy(until time.Time) int {
	s := 0
	for time.Now().Before(until) {
		s += spin(20000)
	}
	return s
}

func main() {
	serial := flag.Duration("serial", 300*time.Millisecond, "serial step")
	par := flag.Duration("par", 100*time.Millisecond, "parallel step, one goroutine per P")
	dur := flag.Duration("d", 2500*time.Millisecond, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	sink := 0
	for time.Now().Before(deadline) {
		sink += busy(time.Now().Add(*serial))
		n := runtime.GOMAXPROCS(0)
		until := time.Now().Add(*par)
		results := make([]int, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				results[i] = busy(until)
			}(i)
		}
		wg.Wait()
		for _, r := range results {
			sink += r
		}
	}
	_ = sink
}
