// Control for goroutine-leak: a fixed pool of -workers goroutines waiting on a job channel, fed
// -rate small jobs a second: the count parked in chan receive stays near the pool's size.
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
	workers := flag.Int("workers", 256, "pool size")
	rate := flag.Int("rate", 4000, "jobs per second")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	jobs := make(chan int)
	for i := 0; i < *workers; i++ {
		go func() {
			for j := range jobs {
				spin(j)
			}
		}()
	}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		<-tick.C
		for i := 0; i < *rate/1000; i++ {
			jobs <- 20000
		}
	}
	close(jobs)
}
