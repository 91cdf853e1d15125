// backpressure: for 3 s a request loop starts 2,000 goroutines a second, each sending its result
// on a buffered channel (100) that one consumer drains at about 1,000 a second; then requests
// stop and the consumer catches up. Senders wait in chan send while the backlog grows, then leave.
package main

import (
	"flag"
	"time"
)

func main() {
	rate := flag.Int("rate", 2000, "requests a second")
	d := flag.Duration("d", 3*time.Second, "time requests come")
	flag.Parse()
	ch := make(chan int, 100)
	total := 0
	go func() {
		stop := time.Now().Add(*d)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		per := *rate / 1000
		for time.Now().Before(stop) {
			<-tick.C
			for i := 0; i < per; i++ {
				go func(v int) { ch <- v }(i)
			}
		}
	}()
	deadline := time.Now().Add(*d*2 + time.Second)
	for time.Now().Before(deadline) {
		select {
		case v := <-ch:
			total += v
			time.Sleep(time.Millisecond) // about 1,000 a second
		case <-time.After(50 * time.Millisecond):
		}
	}
	_ = total
}
