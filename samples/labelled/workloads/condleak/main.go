// Condition: a goroutine leak in sync.Cond.Wait. Every -every a subscriber waits on a shared
// sync.Cond for a "ready" flag that is never set and never signalled.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	every := flag.Duration("every", 2*time.Millisecond, "time between subscribers")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		go func() {
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			mu.Unlock()
		}()
		time.Sleep(*every)
	}
}
