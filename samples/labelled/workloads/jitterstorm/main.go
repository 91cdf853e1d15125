// Control: timerstorm's session cache with its deadlines jittered, the fix its finding suggests.
// Every -every one goroutine arms -timers time.AfterFunc timers, each for a random instant within
// -spread after -delay: about timers/spread expiries a millisecond, each starting a callback of a few
// µs with `go f()` on the P that runs it, a few hundred per ms spread over the Ps instead of 20,000
// on one at once.
package main

import (
	"flag"
	"math/rand"
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
	timers := flag.Int("timers", 20000, "timers armed per wave")
	every := flag.Duration("every", 400*time.Millisecond, "time between waves")
	waves := flag.Int("waves", 5, "waves")
	delay := flag.Duration("delay", 100*time.Millisecond, "from arming to the first expiry")
	spread := flag.Duration("spread", 200*time.Millisecond, "expiries spread over this")
	flag.Parse()

	var sink atomic.Uint32
	for w := 0; w < *waves; w++ {
		at := time.Now().Add(*delay)
		for i := 0; i < *timers; i++ {
			i := i
			jitter := time.Duration(rand.Int63n(int64(*spread)))
			time.AfterFunc(time.Until(at.Add(jitter)), func() { sink.Add(work(i)) })
		}
		time.Sleep(*every)
	}
	time.Sleep(*spread + 100*time.Millisecond)
	if sink.Load() == 42 {
		println(sink.Load())
	}
}
