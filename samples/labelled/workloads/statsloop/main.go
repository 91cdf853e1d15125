// Stats loop: -workers goroutines compute without pause (one per P by default, so nothing waits for
// a P), beside -readers goroutines that call runtime.ReadMemStats over and over, -pause apart, as a
// metrics middleware that reads the memory statistics on every request does. Each call stops the
// world (stopTheWorld, readmemstats_m, startTheWorld): every running goroutine is preempted and every
// P parked in _Pgcstop until the stop is complete, so back to back the calls keep the world stopped
// for much of the wall clock. With -readers 0 -pause 1s it is the control: one read a second, as an
// exporter scraped once a second does.
package main

import (
	"flag"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

//go:noinline
func work(n int) uint32 {
	x := uint32(n) | 1
	for i := 0; i < 400; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	workers := flag.Int("workers", 0, "computing goroutines (0: GOMAXPROCS)")
	readers := flag.Int("readers", 1, "goroutines calling runtime.ReadMemStats in a loop")
	pause := flag.Duration("pause", 0, "pause between a reader's calls")
	d := flag.Duration("d", 3*time.Second, "how long to run")
	flag.Parse()
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if *readers == 0 {
		// The control still reads, once per -pause, from the main goroutine below.
		*readers = -1
	}

	var sink atomic.Uint32
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; !stopped.Load(); i++ {
				sink.Add(work(i))
			}
		}(w)
	}
	var reads atomic.Int64
	read := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		reads.Add(1)
		sink.Add(uint32(ms.NumGC))
	}
	for r := 0; r < *readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stopped.Load() {
				read()
				if *pause > 0 {
					time.Sleep(*pause)
				}
			}
		}()
	}
	end := time.Now().Add(*d)
	if *readers < 0 {
		for time.Now().Before(end) {
			time.Sleep(*pause)
			read()
		}
	} else {
		time.Sleep(*d)
	}
	stopped.Store(true)
	wg.Wait()
	if sink.Load() == 42 {
		println("unlikely", reads.Load())
	}
}
