// Control: a mostly idle service. Five housekeeping loops on time.Tickers of 1, 2, 3, 5 and 10 ms
// (metrics, cache expiry, heartbeat, flush, stats) each do a few µs of work per tick, for -d.
// Timers ready one goroutine at a time on the P that ran them; nothing queues.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	var mu sync.Mutex
	state := make(map[int]int, 64)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i, ms := range []int{1, 2, 3, 5, 10} {
		wg.Add(1)
		go func(id int, period time.Duration) {
			defer wg.Done()
			t := time.NewTicker(period)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					s := 0
					for j := 0; j < 500; j++ {
						s += j ^ id
					}
					mu.Lock()
					state[(id*7+s)%64]++
					mu.Unlock()
				case <-stop:
					return
				}
			}
		}(i, time.Duration(ms)*time.Millisecond)
	}
	time.Sleep(*dur)
	close(stop)
	wg.Wait()
}
