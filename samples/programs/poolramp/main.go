// poolramp: a worker pool that takes on workers in steps while jobs flow, then holds its size.
package main

import (
	"flag"
	"time"
)

func main() {
	step := flag.Int("step", 40, "workers added per step")
	steps := flag.Int("steps", 10, "steps")
	every := flag.Duration("every", 150*time.Millisecond, "time between steps")
	hold := flag.Duration("hold", 1500*time.Millisecond, "time at full size")
	rate := flag.Int("rate", 5000, "jobs per second")
	flag.Parse()
	jobs := make(chan int)
	worker := func() {
		for j := range jobs {
			x := j
			for i := 0; i < 20000; i++ {
				x = x*1103515245 + 12345
			}
			_ = x
		}
	}
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-stop:
				close(jobs)
				return
			case <-tick.C:
				for i := 0; i < *rate/1000; i++ {
					select {
					case jobs <- n:
					default:
					}
				}
			}
		}
	}()
	for s := 0; s < *steps; s++ {
		for w := 0; w < *step; w++ {
			go worker()
		}
		time.Sleep(*every)
	}
	time.Sleep(*hold)
	close(stop)
}
