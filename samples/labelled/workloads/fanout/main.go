// Control for overflow: every -every, one goroutine fans out -g goroutines (fewer than the
// 256-slot ring holds), each doing about 1 ms of work. Work stealing spreads them from the
// spawner's P; no ring can overflow, so no overflow may be reported.
package main

import (
	"flag"
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
	g := flag.Int("g", 120, "goroutines per fan-out")
	work := flag.Int("w", 1000000, "work per goroutine")
	every := flag.Duration("every", 400*time.Millisecond, "time between fan-outs")
	n := flag.Int("n", 4, "fan-outs")
	flag.Parse()
	time.Sleep(*every)
	for b := 0; b < *n; b++ {
		var wg sync.WaitGroup
		wg.Add(*g)
		for i := 0; i < *g; i++ {
			go func() {
				spin(*work)
				wg.Done()
			}()
		}
		wg.Wait()
		time.Sleep(*every)
	}
}
