// Condition: saturation in phases. A batch ETL loop: extract alone for -extract, transform with
// -per-p CPU-bound goroutines per P for -transform (every P busy, about per-p − 1 waiting per P),
// load alone for -load; the two serial steps together last one or two 50 ms dumps. For -d.
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
	per := flag.Int("per-p", 3, "transform goroutines per P")
	extract := flag.Duration("extract", 40*time.Millisecond, "serial extract step")
	transform := flag.Duration("transform", 160*time.Millisecond, "parallel transform step")
	load := flag.Duration("load", 40*time.Millisecond, "serial load step")
	dur := flag.Duration("d", 2500*time.Millisecond, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	sink := 0
	for time.Now().Before(deadline) {
		sink += busy(time.Now().Add(*extract))
		n := *per * runtime.GOMAXPROCS(0)
		until := time.Now().Add(*transform)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := busy(until)
				mu.Lock()
				sink += r
				mu.Unlock()
			}()
		}
		wg.Wait()
		sink += busy(time.Now().Add(*load))
	}
	_ = sink
}
