// Stack loop: -workers goroutines compute without pause (one per P by default, so nothing waits for a
// P) beside -parked goroutines blocked on a channel, and one goroutine that, -pause apart, does what
// -mode says, as a debug endpoint or a health check hit over and over would:
//   - stack: runtime.Stack(buf, true), every goroutine's stack; it stops the world for the whole
//     print (mprof.go: stopTheWorld(stwAllGoroutinesStack) ... startTheWorld), which the parked
//     goroutines make longer;
//   - gc: runtime.GC(), a whole forced cycle; its sweep termination and mark termination each stop
//     the world (gcStart, gcMarkDone → stopTheWorldWithSema), and it waits for the sweep;
//   - metrics: runtime/metrics.Read of every metric, which takes metricsLock and stops nothing: the
//     control.
package main

import (
	"flag"
	"runtime"
	"runtime/metrics"
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
	parked := flag.Int("parked", 0, "goroutines blocked on a channel for the whole run")
	mode := flag.String("mode", "stack", "stack, gc or metrics")
	pause := flag.Duration("pause", 0, "pause between two calls")
	d := flag.Duration("d", 3*time.Second, "how long to run")
	flag.Parse()
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}

	var sink atomic.Uint32
	var stopped atomic.Bool
	var wg sync.WaitGroup
	release := make(chan struct{})
	for i := 0; i < *parked; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-release
		}()
	}
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; !stopped.Load(); i++ {
				sink.Add(work(i))
			}
		}(w)
	}

	var call func()
	switch *mode {
	case "stack":
		buf := make([]byte, 8<<20)
		call = func() { sink.Add(uint32(runtime.Stack(buf, true))) }
	case "gc":
		call = runtime.GC
	case "metrics":
		descs := metrics.All()
		samples := make([]metrics.Sample, len(descs))
		for i := range descs {
			samples[i].Name = descs[i].Name
		}
		call = func() {
			metrics.Read(samples)
			sink.Add(uint32(samples[0].Value.Kind()))
		}
	default:
		panic("unknown -mode " + *mode)
	}
	var calls atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stopped.Load() {
			call()
			calls.Add(1)
			if *pause > 0 {
				time.Sleep(*pause)
			}
		}
	}()
	time.Sleep(*d)
	stopped.Store(true)
	close(release)
	wg.Wait()
	if sink.Load() == 42 {
		println("unlikely", calls.Load())
	}
}
