// Control for saturation: busy and idle in equal halves. For -busy, 4×GOMAXPROCS CPU-bound
// goroutines run (every P busy with a backlog); then every goroutine sleeps for -idle. Each phase
// holds two or three 50 ms dumps: backlogs shorter than saturation's 500 ms, with idle dumps
// between them as many as the busy ones, so no sustained saturation.
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
	per := flag.Int("per-p", 4, "CPU-bound goroutines per P in a busy phase")
	busy := flag.Duration("busy", 120*time.Millisecond, "busy phase")
	idle := flag.Duration("idle", 120*time.Millisecond, "idle phase")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		end := time.Now().Add(*busy)
		var wg sync.WaitGroup
		for i := 0; i < *per*runtime.GOMAXPROCS(0); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(end) {
					spin(100000)
				}
			}()
		}
		wg.Wait()
		time.Sleep(*idle)
	}
}
