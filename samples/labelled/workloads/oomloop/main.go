// Condition: restarts with no last words. A cache service whose heap grows by -grow a millisecond
// under a light load (4 goroutines waking every 5 ms); when the heap passes -limit it is killed
// with SIGKILL, as the kernel's OOM killer kills a container at its memory limit: no message, no
// panic, no traceback, no crash dump, the process just ends. The capture script runs it three times
// into one log, as a supervisor restarting the container would: SCHED 0ms starts each new process.
package main

import (
	"flag"
	"runtime"
	"syscall"
	"time"
)

func main() {
	grow := flag.Int("grow", 128<<10, "bytes cached a millisecond")
	limit := flag.Uint64("limit", 64<<20, "heap size at which the process is killed")
	flag.Parse()
	for i := 0; i < 4; i++ {
		go func() {
			for {
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	var cache [][]byte
	var ms runtime.MemStats
	for {
		time.Sleep(time.Millisecond)
		b := make([]byte, *grow)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		cache = append(cache, b)
		if len(cache)%50 == 0 {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > *limit {
				// What the OOM killer does: SIGKILL, which nothing in the process can catch.
				_ = syscall.Kill(syscall.Getpid(), syscall.SIGKILL)
				time.Sleep(time.Second)
			}
		}
	}
}
