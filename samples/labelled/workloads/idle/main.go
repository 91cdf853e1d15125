// Control: an idle service. 4 goroutines wake on tickers every 20 ms for a few microseconds.
package main

import (
	"flag"
	"time"
)

func main() {
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	for i := 0; i < 4; i++ {
		go func() {
			t := time.NewTicker(20 * time.Millisecond)
			for range t.C {
				s := 0
				for j := 0; j < 1000; j++ {
					s += j
				}
				_ = s
			}
		}()
	}
	time.Sleep(*dur)
}
