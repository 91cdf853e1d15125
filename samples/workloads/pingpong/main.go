// Ping-pong: pairs of goroutines bounce a token over unbuffered channels, so
// goroutines constantly block and wake each other. A woken goroutine goes to
// the waker's runnext slot (not counted in the per-P queue lengths), so the
// queues stay short while schedtick grows quickly; idle Ps spin and steal.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	pairs := flag.Int("pairs", 32, "ping-pong pairs")
	dur := flag.Duration("d", time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *pairs; i++ {
		ping, pong := make(chan int), make(chan int)
		wg.Add(2)
		go func() { // pinger: checks the deadline every 1000 round trips
			defer wg.Done()
			for n := 0; ; n++ {
				if n%1000 == 0 && time.Now().After(deadline) {
					close(ping)
					return
				}
				ping <- n
				<-pong
			}
		}()
		go func() { // ponger
			defer wg.Done()
			for v := range ping {
				pong <- v + 1
			}
		}()
	}
	wg.Wait()
}
