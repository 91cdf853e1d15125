// Sleep wave: a fleet of pollers that all wake on the same tick. -g goroutines each sleep until a
// deadline shared by all (every -every, -waves times), do a few µs of work and sleep again. At each
// deadline their timers expire together, and the M that runs them readies every sleeper onto its
// own P (goroutineReady → goready → runqput): thousands of goroutines readied on one P at once, its
// 256-slot ring overflowing to the global queue (runqputslow) again and again.
package main

import (
	"flag"
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
	g := flag.Int("g", 20000, "sleeping goroutines")
	every := flag.Duration("every", 400*time.Millisecond, "time between waves")
	waves := flag.Int("waves", 5, "waves")
	flag.Parse()

	start := time.Now().Add(*every)
	var sink atomic.Uint32
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for w := 0; w < *waves; w++ {
				time.Sleep(time.Until(start.Add(time.Duration(w) * *every)))
				sink.Add(work(i))
			}
		}(i)
	}
	wg.Wait()
	if sink.Load() == 42 {
		println(sink.Load())
	}
}
