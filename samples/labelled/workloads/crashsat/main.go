// Conditions together: saturation, then a crash. 4×GOMAXPROCS CPU-bound goroutines keep every
// P busy with a backlog of about 3 per P, until the program panics after -after. The capture
// script runs it twice into one log, as a supervisor restarting it would: a crash loop, each
// process losing all its work, beside a backlog that costs each goroutine latency.
package main

import (
	"flag"
	"runtime"
	"time"
)

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	after := flag.Duration("after", 5500*time.Millisecond, "time before the panic")
	flag.Parse()
	for i := 0; i < 4*runtime.GOMAXPROCS(0); i++ {
		go func() {
			for {
				spin(100000)
			}
		}()
	}
	time.Sleep(*after)
	var m map[string]int
	m["config"]++ // assignment to entry in nil map
}
