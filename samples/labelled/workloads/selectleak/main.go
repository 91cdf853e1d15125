// Condition: a goroutine leak in select. Every -every a watcher selects on a result channel and a
// cancel channel of its own; neither is ever sent on or closed.
package main

import (
	"flag"
	"time"
)

func main() {
	every := flag.Duration("every", 3*time.Millisecond, "time between watchers")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		result := make(chan int)
		cancel := make(chan struct{})
		go func() {
			select {
			case <-result:
			case <-cancel:
			}
		}()
		time.Sleep(*every)
	}
}
