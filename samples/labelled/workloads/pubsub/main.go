// Control: an in-process pub/sub hub. -subs subscriber goroutines each wait in select on their own
// channel and a shutdown channel; a publisher sends an event to -fanout random subscribers every
// -every, each taking a few µs to handle it and going back to waiting. The number of goroutines and
// of waiting ones holds steady for -d; a publish readies up to -fanout goroutines at once, far below
// a run queue's 256 slots, worked off by idle Ps in well under a millisecond.
package main

import (
	"flag"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"
)

//go:noinline
func handle(id, n int) uint32 {
	x := uint32(id)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	subs := flag.Int("subs", 2000, "subscriber goroutines")
	fanout := flag.Int("fanout", 50, "subscribers an event goes to")
	every := flag.Duration("every", 20*time.Millisecond, "time between events")
	work := flag.Int("w", 3000, "spin iterations per event handled")
	dur := flag.Duration("d", 2500*time.Millisecond, "run time")
	flag.Parse()

	stop := make(chan struct{})
	var handled atomic.Int64
	var wg sync.WaitGroup
	chans := make([]chan int, *subs)
	for i := range chans {
		chans[i] = make(chan int, 4)
		wg.Add(1)
		go func(id int, in chan int) {
			defer wg.Done()
			for {
				select {
				case ev := <-in:
					if handle(id+ev, *work) != 1 {
						handled.Add(1)
					}
				case <-stop:
					return
				}
			}
		}(i, chans[i])
	}
	deadline := time.Now().Add(*dur)
	for ev := 0; time.Now().Before(deadline); ev++ {
		for k := 0; k < *fanout; k++ {
			select {
			case chans[rand.Intn(*subs)] <- ev:
			default:
			}
		}
		time.Sleep(*every)
	}
	close(stop)
	wg.Wait()
}
