// Conditions, one after the other: thread growth, then saturation. For -burst, -n goroutines sit
// in blocking nanosleep(2) of 50 ms in a loop (entersyscall: sysmon retakes their Ps and startm
// makes an M for each), then return; the threads stay, idle (the runtime never gives an M back to
// the OS). Then, for -d, 4×GOMAXPROCS CPU-bound goroutines keep every P busy with a backlog of
// about 3 per P. The second phase costs latency to every goroutine; the threads left from the
// first cost none.
package main

import (
	"flag"
	"runtime"
	"sync"
	"syscall"
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
	n := flag.Int("n", 200, "goroutines in blocking syscalls")
	burst := flag.Duration("burst", 1500*time.Millisecond, "how long the syscalls go on")
	dur := flag.Duration("d", 8*time.Second, "how long the CPU-bound phase lasts")
	flag.Parse()
	time.Sleep(200 * time.Millisecond)
	deadline := time.Now().Add(*burst)
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
	time.Sleep(300 * time.Millisecond)
	deadline = time.Now().Add(*dur)
	for i := 0; i < 4*runtime.GOMAXPROCS(0); i++ {
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
