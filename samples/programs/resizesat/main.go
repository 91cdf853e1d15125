// Condition: CPU saturation across a GOMAXPROCS change. 64 CPU-bound goroutines on 4 Ps for
// -before, then runtime.GOMAXPROCS(3) and -after more of the same: saturated the whole time, each
// side shorter than half a second.
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
	n := flag.Int("g", 64, "goroutines")
	before := flag.Duration("before", 400*time.Millisecond, "time at the first GOMAXPROCS")
	after := flag.Duration("after", 400*time.Millisecond, "time at the second")
	procs := flag.Int("procs", 3, "GOMAXPROCS after the change")
	flag.Parse()
	stop := time.Now().Add(*before + *after)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				spin(200000)
			}
		}()
	}
	time.Sleep(*before)
	runtime.GOMAXPROCS(*procs)
	wg.Wait()
}
