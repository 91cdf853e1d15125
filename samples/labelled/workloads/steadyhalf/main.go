// Control for saturation: just under one waiting goroutine per P. 2×GOMAXPROCS−1 CPU-bound
// goroutines for the whole run: every P busy and GOMAXPROCS−1 goroutines waiting, fewer than one
// per P, so the Ps are fully used but no backlog builds.
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
	for i := 0; i < 2*runtime.GOMAXPROCS(0)-1; i++ {
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
