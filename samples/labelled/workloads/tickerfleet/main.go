// Control: a fleet of device heartbeats. -devices goroutines each own a time.Ticker of -every,
// started at a random phase within the first period so the ticks spread evenly, and on every tick
// do a few µs of work (encode a status word) and go back to waiting in chan receive on the ticker.
// About devices/every wake-ups a second, a small share of one CPU; the number of goroutines and of
// waiting ones holds steady for -d.
package main

import (
	"flag"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"
)

//go:noinline
func encode(id, n int) uint32 {
	x := uint32(id)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	devices := flag.Int("devices", 400, "heartbeat goroutines")
	every := flag.Duration("every", 50*time.Millisecond, "heartbeat period")
	work := flag.Int("w", 2000, "spin iterations per heartbeat")
	dur := flag.Duration("d", 2500*time.Millisecond, "run time")
	flag.Parse()

	var beats atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < *devices; i++ {
		wg.Add(1)
		phase := time.Duration(rand.Int63n(int64(*every)))
		go func(id int) {
			defer wg.Done()
			time.Sleep(phase)
			t := time.NewTicker(*every)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					if encode(id, *work) != 1 {
						beats.Add(1)
					}
				case <-stop:
					return
				}
			}
		}(i)
	}
	time.Sleep(*dur)
	close(stop)
	wg.Wait()
	if beats.Load() < 0 {
		println(beats.Load())
	}
}
