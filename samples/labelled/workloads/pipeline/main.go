// Control: a three-stage channel pipeline held back by its last stage. One producer feeds -w
// workers through a channel of 16, the workers feed one slow consumer (about 2 ms of CPU per item)
// through a channel of 16. The producer and the workers spend nearly all their time parked on full
// channels (chan send); about two goroutines are runnable at a time, on fewer Ps than there are:
// no backlog, no leak (the goroutine count is fixed), no lock.
package main

import (
	"flag"
	"time"
)

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	workers := flag.Int("w", 32, "workers in the middle stage")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	in := make(chan int, 16)
	out := make(chan int, 16)
	done := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case in <- i:
			case <-done:
				return
			}
		}
	}()
	for w := 0; w < *workers; w++ {
		go func() {
			for v := range in {
				v = spin(20000) ^ v
				select {
				case out <- v:
				case <-done:
					return
				}
			}
		}()
	}
	deadline := time.Now().Add(*dur)
	s := 0
	for time.Now().Before(deadline) {
		s ^= spin(2000000) ^ <-out
	}
	close(done)
	_ = s
}
