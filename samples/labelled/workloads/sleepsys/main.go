// Condition: thread growth. A device poller that waits in the kernel: -pollers goroutines each call
// nanosleep directly (syscall.Nanosleep, a blocking system call, not the runtime's timer) for -wait
// in a loop for -d. Each call blocks its thread in the kernel; sysmon retakes the P (retake →
// handoffp) and another thread runs the next poller, so the runtime ends up with about one thread
// per poller: the thread count climbs from a handful to about -pollers, busy in syscalls.
package main

import (
	"flag"
	"sync"
	"syscall"
	"time"
)

func main() {
	pollers := flag.Int("pollers", 128, "poller goroutines")
	wait := flag.Duration("wait", 10*time.Millisecond, "time each nanosleep blocks")
	dur := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()

	ts := syscall.NsecToTimespec(int64(*wait))
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for p := 0; p < *pollers; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				t := ts
				_ = syscall.Nanosleep(&t, nil)
			}
		}()
	}
	wg.Wait()
}
