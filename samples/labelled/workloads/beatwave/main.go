// Beat wave: a job runner that starts a batch of -g short jobs every -every from one goroutine
// (go job() in a loop: newproc → runqput on its own P, whose 256-slot ring overflows half to the
// global queue, runqputslow, again and again), beside -beats heartbeat goroutines that each wake
// every -beat and yield -yields times (Gosched: goschedImpl puts them on the global queue) before
// sleeping again. Between batches the Ps dispatch only the heartbeats, many times each; a job runs
// once, a few µs, and exits.
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
	g := flag.Int("g", 20000, "jobs per batch")
	every := flag.Duration("every", 400*time.Millisecond, "time between batches")
	batches := flag.Int("batches", 5, "batches")
	beats := flag.Int("beats", 2, "heartbeat goroutines")
	beat := flag.Duration("beat", time.Millisecond, "heartbeat period")
	yields := flag.Int("yields", 20, "Gosched calls per heartbeat")
	flag.Parse()

	var sink atomic.Uint32
	stop := make(chan struct{})
	var beating sync.WaitGroup
	for b := 0; b < *beats; b++ {
		beating.Add(1)
		go func(b int) {
			defer beating.Done()
			t := time.NewTicker(*beat)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
				}
				for y := 0; y < *yields; y++ {
					sink.Add(uint32(b + y))
					runtime.Gosched()
				}
			}
		}(b)
	}
	time.Sleep(*every)
	for n := 0; n < *batches; n++ {
		var jobs sync.WaitGroup
		jobs.Add(*g)
		for i := 0; i < *g; i++ {
			go func(i int) {
				sink.Add(work(i))
				jobs.Done()
			}(i)
		}
		jobs.Wait()
		time.Sleep(*every)
	}
	close(stop)
	beating.Wait()
	if sink.Load() == 42 {
		println("unlikely")
	}
}
