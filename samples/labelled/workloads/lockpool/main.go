// Control for thread growth: a pool of -n goroutines locked to their OS threads
// (runtime.LockOSThread), each waking every 2 ms for a few microseconds of work. Every locked
// goroutine holds one M, so threads ≈ n + GOMAXPROCS + a few, parked in stoplockedm (counted in
// nmidlelocked, not idlethreads). No syscall holds a thread and no work waits.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 32, "locked goroutines")
	dur := flag.Duration("d", 2*time.Second, "duration")
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
				for j := 0; j < 2000; j++ {
					s += j
				}
				_ = s
				time.Sleep(2 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}
