// Timer storm: a session cache that arms one time.AfterFunc per entry, all with the same expiry.
// Every -every, -timers timers are armed from one goroutine for the same instant; when they
// expire, the P that runs them (its own timer heap, or a thief's in stealWork) starts each
// callback with `go f()` (time.goFunc → newproc → runqput on that P's ring): thousands of
// goroutines started on one P at once, its 256-slot ring overflowing to the global queue
// (runqputslow) again and again. Each callback does a few µs of work.
package main

import (
	"flag"
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
	timers := flag.Int("timers", 20000, "timers armed per wave, all for the same instant")
	every := flag.Duration("every", 400*time.Millisecond, "time between waves")
	waves := flag.Int("waves", 5, "waves")
	delay := flag.Duration("delay", 100*time.Millisecond, "from arming to expiry")
	flag.Parse()

	var sink atomic.Uint32
	var done atomic.Int64
	for w := 0; w < *waves; w++ {
		at := time.Now().Add(*delay)
		for i := 0; i < *timers; i++ {
			i := i
			time.AfterFunc(time.Until(at), func() {
				sink.Add(work(i))
				done.Add(1)
			})
		}
		time.Sleep(*every)
	}
	time.Sleep(200 * time.Millisecond)
	if sink.Load() == 42 {
		println(done.Load())
	}
}
