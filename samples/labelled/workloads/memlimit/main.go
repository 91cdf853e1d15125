// Condition: GC pressure from a memory limit. The program keeps a live heap of -live MB, turns the
// GOGC trigger off (debug.SetGCPercent(-1)) and sets a memory limit -headroom MB above the live
// heap (debug.SetMemoryLimit), then GOMAXPROCS/2 goroutines allocate short-lived garbage for -d.
// Every few MB allocated reach the limit, so the collector runs cycle after cycle, held to about
// half the CPU by its limiter (gcCPULimiter): the "death spiral" of a service near its limit.
// Fewer allocating goroutines than Ps: no run-queue backlog.
package main

import (
	"flag"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

var sink []byte

func main() {
	live := flag.Int("live", 64, "live heap, MB")
	headroom := flag.Int("headroom", 4, "memory limit above the live heap, MB")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	keep := make([][]byte, *live*16)
	for i := range keep {
		keep[i] = make([]byte, 64<<10)
		keep[i][0] = byte(i)
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(int64(*live+*headroom) << 20)
	n := runtime.GOMAXPROCS(0) / 2
	if n < 1 {
		n = 1
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				b := make([]byte, 32<<10)
				b[0] = 1
				sink = b
			}
		}()
	}
	wg.Wait()
	runtime.KeepAlive(keep)
}
