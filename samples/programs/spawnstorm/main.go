// An accept loop: one goroutine starts a handler goroutine per "request", 2000 per millisecond in
// bursts, each handler doing about 20 µs of work. Handlers are made on the spawner's P.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

var done atomic.Int64

func handle(n int) {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	if s == 42 {
		done.Add(1)
	}
	done.Add(1)
}

func main() {
	d := flag.Duration("d", 2*time.Second, "duration")
	burst := flag.Int("burst", 2000, "goroutines per burst")
	flag.Parse()
	deadline := time.Now().Add(*d)
	for time.Now().Before(deadline) {
		for i := 0; i < *burst; i++ {
			go handle(20000)
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
}
