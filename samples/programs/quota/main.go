// quota: a CPU-bound service run with GOMAXPROCS far above the machine's CPUs (the container whose
// GOMAXPROCS is the host's core count): -w workers each compute about 1 ms and hand the result to
// a collector over a buffered channel, for -d.
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
	w := flag.Int("w", 200, "workers")
	d := flag.Duration("d", 4*time.Second, "run time")
	flag.Parse()
	out := make(chan int, 1024)
	for i := 0; i < *w; i++ {
		go func() {
			for {
				out <- spin(1_000_000)
			}
		}()
	}
	stop := time.After(*d)
	sum := 0
	for {
		select {
		case v := <-out:
			sum += v
		case <-stop:
			println("sum", sum)
			return
		}
	}
}
