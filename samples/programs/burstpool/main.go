// burstpool: a fixed pool of one worker per P takes jobs from a buffered channel; every 500 ms a
// producer enqueues a burst of 5,000 jobs of about 50 µs each. The backlog waits in the channel,
// not on the run queues.
package main

import (
	"flag"
	"runtime"
	"time"
)

func main() {
	bursts := flag.Int("bursts", 5, "bursts")
	jobs := flag.Int("jobs", 5000, "jobs per burst")
	flag.Parse()
	ch := make(chan int, 100000)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		go func() {
			for v := range ch {
				x := v
				for i := 0; i < 25000; i++ {
					x = x*1103515245 + 12345
				}
				_ = x
			}
		}()
	}
	for b := 0; b < *bursts; b++ {
		for j := 0; j < *jobs; j++ {
			ch <- j
		}
		time.Sleep(500 * time.Millisecond)
	}
	close(ch)
}
