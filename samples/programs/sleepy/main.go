// sleepy: 2,000 goroutines each sleep 10 ms, then do about 50 µs of work, in a loop, for 2 s: a
// service that is mostly idle, its goroutines woken by timers.
package main

import (
	"flag"
	"time"
)

func main() {
	n := flag.Int("n", 2000, "goroutines")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	done := make(chan struct{})
	for g := 0; g < *n; g++ {
		go func(g int) {
			x := g
			for time.Now().Before(stop) {
				time.Sleep(10 * time.Millisecond)
				for i := 0; i < 20000; i++ {
					x = x*31 + i
				}
			}
			_ = x
			done <- struct{}{}
		}(g)
	}
	for g := 0; g < *n; g++ {
		<-done
	}
}
