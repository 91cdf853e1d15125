// Condition: none (a pile-up that drains), or a goroutine leak with -stuck. An ingest handler
// starts one goroutine per request, -rate a second for -burst; each parses its request (a few µs of
// CPU) and hands the result to the writers on an unbuffered channel. -writers goroutines take one
// result at a time and write it (a -cost sleep, as a database round trip would): together slower
// than the arrivals, so during the burst the handlers pile up in chan send (chansend → gopark),
// about rate − writers/cost more each second. After the burst the writers take them one by one
// (chanrecv → goready) and the pile drains to nothing: every parked handler is readied, which no
// leak is. With -stuck the writers give up at the end of the burst (a shutdown that forgot the
// handlers) and every handler still waiting stays parked in chan send for good: a leak.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

//go:noinline
func parse(n int) uint32 {
	x := uint32(n) | 1
	for i := 0; i < 2000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	rate := flag.Int("rate", 1000, "requests a second during the burst")
	burst := flag.Duration("burst", 3*time.Second, "how long requests arrive")
	writers := flag.Int("writers", 2, "writer goroutines")
	cost := flag.Duration("cost", 4*time.Millisecond, "time one write takes")
	stuck := flag.Bool("stuck", false, "writers stop at the end of the burst, stranding the handlers")
	d := flag.Duration("d", 7*time.Second, "how long to run")
	flag.Parse()

	results := make(chan uint32)
	quit := make(chan struct{})
	var written, sink atomic.Uint32
	for w := 0; w < *writers; w++ {
		go func() {
			for {
				select {
				case r := <-results:
					sink.Add(r)
					time.Sleep(*cost)
					written.Add(1)
				case <-quit:
					return
				}
			}
		}()
	}

	start := time.Now()
	tick := time.NewTicker(time.Millisecond)
	sent := 0
	for now := range tick.C {
		due := int(now.Sub(start).Seconds() * float64(*rate))
		for ; sent < due; sent++ {
			go func(n int) { results <- parse(n) }(sent)
		}
		if now.Sub(start) >= *burst {
			break
		}
	}
	tick.Stop()
	if *stuck {
		close(quit)
	}
	time.Sleep(time.Until(start.Add(*d)))
	if sink.Load() == 42 {
		println("unlikely", written.Load())
	}
}
