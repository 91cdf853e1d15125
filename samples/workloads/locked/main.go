// Goroutines locked to their OS threads (runtime.LockOSThread) that repeatedly
// sleep and wake: one M per locked G, so threads= grows, and idle locked Ms
// are counted in nmidlelocked rather than idlethreads.
//
// With -cycle it also prints, on stdout, the mean time of one goroutine's
// cycle (the additions and time.Sleep(1ms)): the measurement behind the
// model's netpoll sleep grid (README, the fidelity section), e.g.
//
//	for n in 1 2 4 8; do GOMAXPROCS=2 ./locked -n $n -d 2s -cycle; done
//
// -unlocked runs the same loop without LockOSThread.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	n := flag.Int("n", 8, "locked goroutines")
	dur := flag.Duration("d", 3*time.Second, "duration")
	cycle := flag.Bool("cycle", false, "print the mean cycle of a goroutine on stdout")
	unlocked := flag.Bool("unlocked", false, "do not lock the goroutines to their threads")
	flag.Parse()
	start := time.Now()
	deadline := start.Add(*dur)
	var cycles int64
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !*unlocked {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			for time.Now().Before(deadline) {
				s := 0
				for j := 0; j < 100000; j++ {
					s += j
				}
				_ = s
				time.Sleep(time.Millisecond)
				atomic.AddInt64(&cycles, 1)
			}
		}()
	}
	wg.Wait()
	if *cycle {
		ms := float64(time.Since(start).Microseconds()) / 1000
		fmt.Printf("n=%d locked=%v cycle %.3f ms\n", *n, !*unlocked, ms*float64(*n)/float64(atomic.LoadInt64(&cycles)))
	}
}
