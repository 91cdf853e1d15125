// hog: one goroutine computes without a break while 100 goroutines wake every millisecond to do
// a few microseconds of work, for 2 s (run it at GOMAXPROCS=1: the hog is preempted only by sysmon).
package main

import (
	"flag"
	"time"
)

func main() {
	n := flag.Int("n", 100, "tickers")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	go func() {
		x := 1
		for {
			x = x*1103515245 + 12345
		}
	}()
	for i := 0; i < *n; i++ {
		go func(i int) {
			t := time.NewTicker(time.Millisecond)
			x := i
			for range t.C {
				for j := 0; j < 1000; j++ {
					x = x*31 + j
				}
			}
		}(i)
	}
	time.Sleep(time.Until(stop))
}
