// Condition: saturation. 4×GOMAXPROCS CPU-bound goroutines that never block, for -d:
// every P is busy and each P has a backlog of about 3 runnable goroutines the whole time.
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
	per := flag.Int("per-p", 4, "CPU-bound goroutines per P")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *per*runtime.GOMAXPROCS(0); i++ {
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
