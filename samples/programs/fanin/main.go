// fanin: many producers send to one consumer over an unbuffered channel; the consumer does a
// little work per item.
package main

import (
	"flag"
	"time"
)

func main() {
	producers := flag.Int("producers", 1000, "producer goroutines")
	iters := flag.Int("iters", 3000, "consumer work per item")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	ch := make(chan int)
	for p := 0; p < *producers; p++ {
		go func(p int) {
			for i := 0; ; i++ {
				x := p + i
				for j := 0; j < 200; j++ {
					x = x*31 + j
				}
				ch <- x
			}
		}(p)
	}
	x := 0
	for time.Now().Before(stop) {
		v := <-ch
		for i := 0; i < *iters; i++ {
			x = x*1103515245 + v
		}
	}
	_ = x
}
