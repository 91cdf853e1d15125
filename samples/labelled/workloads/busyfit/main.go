// Control for saturation: exactly GOMAXPROCS CPU-bound goroutines. Every P is busy (idleprocs=0)
// but nothing waits to run, so this is full use of the Ps, not saturation.
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
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				spin(100000)
			}
		}()
	}
	wg.Wait()
}
