// 32 goroutines locked to their OS threads (LockOSThread), each alternating 2 ms of CPU and 3 ms of sleep.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

func spin(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
	}
}

func main() {
	n := flag.Int("n", 32, "locked goroutines")
	d := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for time.Now().Before(deadline) {
				spin(2 * time.Millisecond)
				time.Sleep(3 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}
