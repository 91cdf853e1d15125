// busyselect: one goroutine per P polls a channel with select/default in a loop (a busy wait),
// while a ticker sends to it now and then. Every P is busy; nothing waits for a P.
package main

import (
	"flag"
	"runtime"
	"time"
)

func main() {
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	ch := make(chan int, 1)
	stop := time.Now().Add(*d)
	for p := 0; p < runtime.GOMAXPROCS(0); p++ {
		go func() {
			n := 0
			for {
				select {
				case v := <-ch:
					n += v
				default:
				}
			}
		}()
	}
	for time.Now().Before(stop) {
		time.Sleep(time.Millisecond)
		select {
		case ch <- 1:
		default:
		}
	}
}
