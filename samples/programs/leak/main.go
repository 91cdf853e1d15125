// leak: a request loop whose handlers wait on a reply channel nobody writes for one request in
// ten, so blocked goroutines pile up while the rest of the work goes on.
package main

import (
	"flag"
	"time"
)

func main() {
	rate := flag.Int("rate", 20000, "requests per second")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	perTick := *rate / 1000
	for time.Now().Before(stop) {
		<-tick.C
		for i := 0; i < perTick; i++ {
			reply := make(chan int)
			go func(i int) {
				x := i
				for j := 0; j < 2000; j++ {
					x = x*31 + j
				}
				if i%10 != 0 {
					go func() { reply <- x }()
				}
				<-reply
			}(i)
		}
	}
}
