// Broadcast by close: -g subscribers each wait on the current epoch's channel; every -every the
// publisher closes it and makes a new one. closechan readies every waiter onto the publisher's P
// (goready → runqput) while the publisher goes on running: tens of thousands readied on one P at
// once by a running goroutine, its 256-slot ring overflowing half to the global queue
// (runqputslow) again and again, while woken Ms take the rest.
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
	g := flag.Int("g", 30000, "subscribers")
	every := flag.Duration("every", 400*time.Millisecond, "time between epochs")
	epochs := flag.Int("epochs", 5, "epochs")
	flag.Parse()

	var mu sync.RWMutex
	epoch := make(chan struct{})
	current := func() chan struct{} {
		mu.RLock()
		defer mu.RUnlock()
		return epoch
	}
	var sink atomic.Uint32
	for i := 0; i < *g; i++ {
		go func(i int) {
			for e := 0; e < *epochs; e++ {
				<-current()
				sink.Add(work(i))
			}
		}(i)
	}
	for e := 0; e < *epochs; e++ {
		time.Sleep(*every)
		mu.Lock()
		old := epoch
		epoch = make(chan struct{})
		mu.Unlock()
		close(old)
	}
	// A subscriber that fell behind waits for an epoch that never closes: the program ends here.
	time.Sleep(200 * time.Millisecond)
	if sink.Load() == 42 {
		println(sink.Load())
	}
}
