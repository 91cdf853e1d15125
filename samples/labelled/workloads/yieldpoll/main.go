// Busy-wait with runtime.Gosched: -workers goroutines each wait for their next job by polling an
// atomic flag and calling runtime.Gosched between polls; a dispatcher sets one flag every -every.
// A polling goroutine never blocks: every one of them is runnable all the time, many more than the
// Ps, and each Gosched puts the caller on the global queue (goschedImpl → globrunqput), where the
// Ps take them back in batches (globrunqget). More runnable goroutines than Ps for the whole run.
package main

import (
	"flag"
	"runtime"
	"sync/atomic"
	"time"
)

//go:noinline
func work(n int) uint32 {
	x := uint32(n) | 1
	for i := 0; i < 20000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	workers := flag.Int("workers", 32, "polling goroutines")
	every := flag.Duration("every", time.Millisecond, "time between jobs")
	d := flag.Duration("d", 2500*time.Millisecond, "how long to run")
	flag.Parse()

	flags := make([]atomic.Bool, *workers)
	var stop atomic.Bool
	var sink atomic.Uint32
	for i := 0; i < *workers; i++ {
		go func(i int) {
			for !stop.Load() {
				if flags[i].Swap(false) {
					sink.Add(work(i))
					continue
				}
				runtime.Gosched()
			}
		}(i)
	}
	end := time.Now().Add(*d)
	for n := 0; time.Now().Before(end); n++ {
		flags[n%*workers].Store(true)
		time.Sleep(*every)
	}
	stop.Store(true)
	time.Sleep(50 * time.Millisecond)
	if sink.Load() == 42 {
		println(sink.Load())
	}
}
