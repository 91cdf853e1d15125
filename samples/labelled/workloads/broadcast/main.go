// Condition: local run queue overflow. An epoch notifier: -subs subscriber goroutines all wait on
// the current epoch's channel (a config version, a leadership change), and the notifier closes it
// every -every, -waves times. closechan takes every waiter off the channel and readies each with
// goready onto the closing goroutine's own P (runnext, kicking the previous one to the ring), so
// that P's 256-slot ring fills within microseconds and runqputslow moves 129 at a time to the
// global queue, several times a wave. Each subscriber then does -w iterations of work (tens of µs)
// and waits on the next epoch; a wave is worked off in tens of milliseconds, the Ps idle between.
package main

import (
	"flag"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

//go:noinline
func spin(n int) uint32 {
	x := uint32(2463534242)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	subs := flag.Int("subs", 2000, "subscriber goroutines")
	every := flag.Duration("every", 500*time.Millisecond, "time between epoch changes")
	waves := flag.Int("waves", 4, "epoch changes")
	work := flag.Int("w", 40000, "spin iterations per subscriber per epoch")
	flag.Parse()

	epochs := make([]chan struct{}, *waves)
	for i := range epochs {
		epochs[i] = make(chan struct{})
	}
	var sink uint32
	var wg sync.WaitGroup
	for s := 0; s < *subs; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, e := range epochs {
				<-e
				atomic.AddUint32(&sink, spin(*work))
			}
		}()
	}
	for _, e := range epochs {
		time.Sleep(*every)
		close(e)
	}
	wg.Wait()
	fmt.Println("sink", atomic.LoadUint32(&sink))
}
