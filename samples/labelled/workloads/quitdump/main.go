// Condition: a crash by signal. A job server with a watchdog: 6 workers take jobs every 2 ms (a few
// µs of CPU each); at -after one job hangs (its worker blocks for good), and the watchdog, finding
// it stuck, sends the process SIGQUIT to get a dump, as an operator's `kill -QUIT` does. The runtime
// answers SIGQUIT by crashing (sighandler → startpanic_m): "SIGQUIT: quit", a detailed scheduler
// dump when schedtrace is on, every goroutine's stack, exit status 2. The capture script runs it
// twice into one log, as a supervisor restarting it would.
package main

import (
	"flag"
	"sync/atomic"
	"syscall"
	"time"
)

//go:noinline
func job(n int) uint32 {
	x := uint32(n)*2654435761 + 1
	for i := 0; i < 2000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	after := flag.Duration("after", 600*time.Millisecond, "time before a job hangs")
	flag.Parse()
	var lastDone atomic.Int64
	hang := make(chan struct{})
	start := time.Now()
	for w := 0; w < 6; w++ {
		go func(w int) {
			for n := 0; ; n++ {
				time.Sleep(2 * time.Millisecond)
				if w == 0 && time.Since(start) > *after {
					<-hang // the hung job: nothing ever sends
				}
				if job(n) != 1 && w == 0 {
					lastDone.Store(time.Now().UnixNano())
				}
			}
		}(w)
	}
	for {
		time.Sleep(10 * time.Millisecond)
		if last := lastDone.Load(); last != 0 && time.Since(time.Unix(0, last)) > 30*time.Millisecond {
			_ = syscall.Kill(syscall.Getpid(), syscall.SIGQUIT)
			time.Sleep(time.Second)
		}
	}
}
