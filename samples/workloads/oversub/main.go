// Oversubscription: many (default 64) CPU-bound goroutines that never block
// or yield, on few Ps. They are switched only by preemption (sysmon forces a
// switch after 10ms; asynchronous, signal-based preemption from Go 1.14, only
// at function calls before that), so every P has a long local queue and
// schedtick grows by about 100 per second per P.
package main

import (
	"flag"
	"sync"
	"time"
)

//go:noinline
func chunk(n int, s int) int {
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	g := flag.Int("g", 64, "CPU-bound goroutines")
	dur := flag.Duration("d", time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for time.Now().Before(deadline) {
				s = chunk(200000, s)
			}
			_ = s
		}()
	}
	wg.Wait()
}
