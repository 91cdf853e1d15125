// Control: no condition. A worker pool that scales up and is shut down: -step workers are added every
// -every until there are -max, each waiting in chan receive on one jobs channel for work that comes
// rarely (a job every -job, a few µs of CPU), and at -stopAt the jobs channel is closed and every
// worker returns. The count parked in chan receive rises in steps and falls to nothing at the
// shutdown: idle workers waiting for work, not a leak and not a wait anyone suffers.
package main

import (
	"flag"
	"time"
)

//go:noinline
func work(n int) uint32 {
	x := uint32(n) | 1
	for i := 0; i < 1000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	step := flag.Int("step", 100, "workers added at a time")
	every := flag.Duration("every", 200*time.Millisecond, "time between additions")
	max := flag.Int("max", 1000, "workers at most")
	job := flag.Duration("job", 10*time.Millisecond, "time between jobs")
	stopAt := flag.Duration("stopAt", 4*time.Second, "when the pool is shut down")
	d := flag.Duration("d", 5*time.Second, "how long to run")
	flag.Parse()

	jobs := make(chan int)
	done := make(chan uint32, *max)
	workers := 0
	grow := time.NewTicker(*every)
	defer grow.Stop()
	feed := time.NewTicker(*job)
	defer feed.Stop()
	stop := time.After(*stopAt)
	end := time.After(*d)
	n := 0
	for {
		select {
		case <-grow.C:
			for i := 0; i < *step && workers < *max; i++ {
				workers++
				go func() {
					var sum uint32
					for j := range jobs {
						sum += work(j)
					}
					done <- sum
				}()
			}
		case <-feed.C:
			if jobs != nil {
				// A job no worker is free to take is dropped (none exist before the first step).
				n++
				select {
				case jobs <- n:
				default:
				}
			}
		case <-stop:
			close(jobs)
			jobs = nil
		case <-end:
			return
		}
	}
}
