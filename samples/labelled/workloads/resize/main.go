// Condition: GOMAXPROCS changes. A light load (8 goroutines waking every 5 ms for a few
// microseconds) while the program calls runtime.GOMAXPROCS with -seq, one value every -step.
// Each call stops the world and procresize changes the number of Ps.
package main

import (
	"flag"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	step := flag.Duration("step", 400*time.Millisecond, "time between changes")
	seq := flag.String("seq", "2,6,3,8", "GOMAXPROCS values, in order")
	flag.Parse()
	stop := make(chan struct{})
	for i := 0; i < 8; i++ {
		go func() {
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					s := 0
					for j := 0; j < 2000; j++ {
						s += j
					}
					_ = s
				case <-stop:
					return
				}
			}
		}()
	}
	for _, v := range strings.Split(*seq, ",") {
		time.Sleep(*step)
		n, _ := strconv.Atoi(v)
		runtime.GOMAXPROCS(n)
	}
	time.Sleep(*step)
	close(stop)
}
