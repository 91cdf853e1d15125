// Frames: per frame, -per-p×GOMAXPROCS tile goroutines each do -tile units of CPU work, then the
// frame is "written out" for -wait (main sleeps). Condition: with frames much longer than the wait
// (the default), saturation in phases; with frames shorter than the wait, none (a control).
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
	per := flag.Int("per-p", 4, "tile goroutines per P in a frame")
	tile := flag.Int("tile", 80, "units of 100,000 iterations per tile")
	wait := flag.Duration("wait", 20*time.Millisecond, "sleep between frames")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	sink := 0
	for time.Now().Before(deadline) {
		tiles := make([]int, *per*runtime.GOMAXPROCS(0))
		var wg sync.WaitGroup
		for i := range tiles {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for u := 0; u < *tile; u++ {
					tiles[i] += spin(100000)
				}
			}(i)
		}
		wg.Wait()
		for _, t := range tiles {
			sink += t
		}
		time.Sleep(*wait)
	}
	_ = sink
}
