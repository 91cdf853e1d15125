// Control: a fleet of tickers at spread phases. -g goroutines each own a time.Ticker of period -every,
// started at a random phase, and do a few µs of work per tick: about g/every wake-ups a second,
// evenly spread, each readying one goroutine (its timer → goready), a steady load well within the
// Ps, nothing queued beyond a goroutine or two.
package main

import (
	"flag"
	"math/rand"
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
	g := flag.Int("g", 5000, "goroutines with a ticker each")
	every := flag.Duration("every", 50*time.Millisecond, "ticker period")
	d := flag.Duration("d", 2500*time.Millisecond, "how long to run")
	flag.Parse()

	end := time.Now().Add(*d)
	var sink atomic.Uint32
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(rand.Int63n(int64(*every))))
			t := time.NewTicker(*every)
			defer t.Stop()
			for now := range t.C {
				if now.After(end) {
					return
				}
				sink.Add(work(i))
			}
		}(i)
	}
	wg.Wait()
	if sink.Load() == 42 {
		println(sink.Load())
	}
}
