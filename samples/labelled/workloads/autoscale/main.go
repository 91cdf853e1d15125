// Condition: GOMAXPROCS changes. A worker service with an in-process autoscaler: 8 workers wake
// every 2 ms for a few µs of work; every -every the autoscaler, reading its own load target, sets
// runtime.GOMAXPROCS to the next value of -steps (stopTheWorldGC, procresize), as a library that
// tunes GOMAXPROCS to a container's quota does when the quota changes.
package main

import (
	"flag"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

//go:noinline
func work(n int) uint32 {
	x := uint32(n)*2654435761 + 1
	for i := 0; i < 3000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	every := flag.Duration("every", 600*time.Millisecond, "time between GOMAXPROCS changes")
	steps := flag.String("steps", "2,6,3", "GOMAXPROCS values set in turn")
	flag.Parse()

	var done atomic.Int64
	for w := 0; w < 8; w++ {
		go func(w int) {
			for n := 0; ; n++ {
				time.Sleep(2 * time.Millisecond)
				if work(n+w) != 1 {
					done.Add(1)
				}
			}
		}(w)
	}
	for _, s := range strings.Split(*steps, ",") {
		time.Sleep(*every)
		n, err := strconv.Atoi(s)
		if err != nil {
			panic(err)
		}
		runtime.GOMAXPROCS(n)
	}
	time.Sleep(*every)
}
