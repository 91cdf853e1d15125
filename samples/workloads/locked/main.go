// Goroutines locked to their OS threads (runtime.LockOSThread) that repeatedly
// sleep and wake: one M per locked G, so threads= grows, and idle locked Ms
// are counted in nmidlelocked rather than idlethreads.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 8, "locked goroutines")
	dur := flag.Duration("d", 3*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for time.Now().Before(deadline) {
				s := 0
				for j := 0; j < 100000; j++ {
					s += j
				}
				_ = s
				time.Sleep(time.Millisecond)
			}
		}()
	}
	wg.Wait()
}
