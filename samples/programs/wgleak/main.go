// wgleak: a request loop (2,000 a second) where each request starts two helpers and waits for
// them on a sync.WaitGroup; one request in ten takes an error path that returns from a helper
// without calling Done, so its waiter never wakes. 3 s.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	rate := flag.Int("rate", 2000, "requests a second")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	per := *rate / 1000
	n := 0
	for time.Now().Before(stop) {
		<-tick.C
		for i := 0; i < per; i++ {
			n++
			bad := n%10 == 0
			go func() {
				var wg sync.WaitGroup
				wg.Add(2)
				for h := 0; h < 2; h++ {
					go func(h int) {
						x := h
						for j := 0; j < 2000; j++ {
							x = x*31 + j
						}
						if bad && h == 1 {
							return // the error path: no Done
						}
						wg.Done()
					}(h)
				}
				wg.Wait()
			}()
		}
	}
}
