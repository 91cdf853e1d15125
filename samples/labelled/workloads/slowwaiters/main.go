// Control for goroutine-leak: requests at a steady -rate, each waiting -wait on a reply channel
// that a timer closes: the count parked in chan receive rises for -wait, then holds at rate × wait.
package main

import (
	"flag"
	"time"
)

func main() {
	rate := flag.Int("rate", 2000, "requests per second")
	wait := flag.Duration("wait", 300*time.Millisecond, "how long each request waits")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		<-tick.C
		for i := 0; i < *rate/1000; i++ {
			reply := make(chan struct{})
			time.AfterFunc(*wait, func() { close(reply) })
			go func() { <-reply }()
		}
	}
}
