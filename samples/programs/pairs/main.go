// pairs: 64 pairs of goroutines pass a token back and forth over unbuffered channels, with a
// little work at each hop, for 2 s.
package main

import (
	"flag"
	"time"
)

func main() {
	n := flag.Int("pairs", 64, "pairs")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	for i := 0; i < *n; i++ {
		a, b := make(chan int), make(chan int)
		go func() {
			for v := range a {
				for j := 0; j < 500; j++ {
					v = v*31 + j
				}
				b <- v
			}
		}()
		go func() {
			a <- i
			for {
				v := <-b
				for j := 0; j < 500; j++ {
					v = v*17 + j
				}
				a <- v
			}
		}()
	}
	time.Sleep(time.Until(stop))
}
