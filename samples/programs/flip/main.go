// flip: a light service whose GOMAXPROCS is set again and again (as a config reload or a
// container-aware runtime following a changing CPU limit would): -hi and -lo alternate every -every,
// while 16 goroutines each do about 100 µs of work and sleep 1 ms, for -d.
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
	hi := flag.Int("hi", 8, "the higher GOMAXPROCS")
	lo := flag.Int("lo", 2, "the lower GOMAXPROCS")
	every := flag.Duration("every", 500*time.Millisecond, "time between changes")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	for i := 0; i < 16; i++ {
		go func() {
			for {
				spin(100_000)
				time.Sleep(time.Millisecond)
			}
		}()
	}
	stop := time.Now().Add(*d)
	n := *lo
	for time.Now().Before(stop) {
		time.Sleep(*every)
		runtime.GOMAXPROCS(n)
		if n == *lo {
			n = *hi
		} else {
			n = *lo
		}
	}
}
