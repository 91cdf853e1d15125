// Condition: none (a pile-up that drains). An API gateway's handlers behind a concurrency limit: a
// request arrives -rate times a second for -burst, each in a goroutine of its own that takes a slot
// of a -slots semaphore (a buffered channel: sem <- struct{}{}), holds it for -hold (a sleep, the
// upstream call) and releases it. The slots serve slots/hold requests a second, fewer than arrive,
// so during the burst the handlers pile up in chan send on the full semaphore (chansend → gopark);
// after it each release lets the next one in (chanrecv readies a sender) and the pile drains.
package main

import (
	"flag"
	"time"
)

func main() {
	rate := flag.Int("rate", 1000, "requests a second during the burst")
	burst := flag.Duration("burst", 2*time.Second, "how long requests arrive")
	slots := flag.Int("slots", 8, "requests served at once")
	hold := flag.Duration("hold", 20*time.Millisecond, "time a request holds its slot")
	d := flag.Duration("d", 6*time.Second, "how long to run")
	flag.Parse()

	sem := make(chan struct{}, *slots)
	start := time.Now()
	tick := time.NewTicker(time.Millisecond)
	sent := 0
	for now := range tick.C {
		due := int(now.Sub(start).Seconds() * float64(*rate))
		for ; sent < due; sent++ {
			go func() {
				sem <- struct{}{}
				time.Sleep(*hold)
				<-sem
			}()
		}
		if now.Sub(start) >= *burst {
			break
		}
	}
	tick.Stop()
	time.Sleep(time.Until(start.Add(*d)))
}
