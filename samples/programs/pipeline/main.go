// pipeline: producers feed items through four stages joined by unbuffered channels; each stage
// computes a little per item.
package main

import (
	"flag"
	"sync"
	"time"
)

func work(x int, iters int) int {
	for i := 0; i < iters; i++ {
		x = x*1103515245 + 12345
	}
	return x
}

func main() {
	producers := flag.Int("producers", 16, "producer goroutines")
	width := flag.Int("width", 8, "goroutines per stage")
	iters := flag.Int("iters", 20000, "work per item per stage")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	in := make(chan int)
	var pw sync.WaitGroup
	for p := 0; p < *producers; p++ {
		pw.Add(1)
		go func(p int) {
			defer pw.Done()
			for i := 0; time.Now().Before(stop); i++ {
				in <- p*1_000_000 + i
			}
		}(p)
	}
	go func() { pw.Wait(); close(in) }()
	cur := in
	for s := 0; s < 4; s++ {
		out := make(chan int)
		var sw sync.WaitGroup
		for w := 0; w < *width; w++ {
			sw.Add(1)
			go func(src <-chan int) {
				defer sw.Done()
				for x := range src {
					out <- work(x, *iters)
				}
			}(cur)
		}
		go func(out chan int) { sw.Wait(); close(out) }(out)
		cur = out
	}
	n := 0
	for range cur {
		n++
	}
	_ = n
}
