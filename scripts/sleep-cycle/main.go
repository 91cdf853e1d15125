// Command sleep-cycle measures how long a goroutine's cycle of a little work and
// time.Sleep(1ms) takes when n of them run at once, optionally locked to their
// threads (LockOSThread): the `locked` workload's loop. With every P idle between
// sleeps, their timers are served by the M blocked in netpoll(delay), whose
// epoll_wait timeout is whole milliseconds, so the cycle grows with n.
//
//	cd scripts/sleep-cycle && go build -o /tmp/sleep-cycle . && \
//	  for n in 1 2 4 8; do GOMAXPROCS=2 /tmp/sleep-cycle $n 1; done
//
// On the 2-core machine the samples come from (README, the fidelity section's
// netpoll item), locked, at GOMAXPROCS=2, three runs each with n = 1, 2, 4, 8:
// Go 1.26.8 1.23-1.28, 1.20-1.27, 1.31-1.35, 1.58-1.62 ms; Go 1.19.13
// 1.22-1.24, 1.21-1.22, 1.32-1.38, 1.62-1.64 ms. (Go 1.19 builds it as
// `go build main.go`.)
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sleep-cycle GOROUTINES LOCKED(0|1)")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "sleep-cycle: GOROUTINES must be a positive number")
		os.Exit(2)
	}
	lock := os.Args[2] == "1"
	var cycles atomic.Int64
	deadline := time.Now().Add(2 * time.Second)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if lock {
				runtime.LockOSThread()
			}
			for time.Now().Before(deadline) {
				s := 0
				for j := 0; j < 100000; j++ {
					s += j
				}
				_ = s
				time.Sleep(time.Millisecond)
				cycles.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("n=%d locked=%v cycle %.3f ms\n", n, lock, 2000*float64(n)/float64(cycles.Load()))
}
