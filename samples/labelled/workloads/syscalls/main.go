// Condition: thread growth from blocking syscalls. -n goroutines each sit in a blocking
// nanosleep(2) of 50 ms in a loop (syscall.Nanosleep: entersyscall, not the netpoller). sysmon
// retakes their Ps (retake → handoffp) and startm creates an M for each, so threads stay near
// n + GOMAXPROCS, nearly all of them busy in the syscall, not idle.
package main

import (
	"flag"
	"sync"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 48, "goroutines in blocking syscalls")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	time.Sleep(200 * time.Millisecond)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ts := syscall.Timespec{Nsec: 50 * 1000 * 1000}
			for time.Now().Before(deadline) {
				_ = syscall.Nanosleep(&ts, nil)
			}
		}()
	}
	wg.Wait()
}
