// hogspawn: -hogs CPU-bound goroutines that never block, beside one goroutine that starts a short
// task (about 50 µs of CPU) every -every, for -d. The spawner's P puts each task on its own ring
// (newproc → runqput); preempted hogs go to the global queue, which the other Ps drain before they
// would steal, so the tasks wait on the spawner's ring.
package main

import (
	"flag"
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

var sink int

func main() {
	hogs := flag.Int("hogs", 8, "CPU-bound goroutines")
	every := flag.Duration("every", 20*time.Microsecond, "time between tasks")
	d := flag.Duration("d", 5*time.Second, "run time")
	flag.Parse()
	for i := 0; i < *hogs; i++ {
		go func() {
			for {
				sink += spin(1 << 20)
			}
		}()
	}
	stop := time.Now().Add(*d)
	next := time.Now()
	for time.Now().Before(stop) {
		go func() { sink += spin(50_000) }()
		next = next.Add(*every)
		for time.Now().Before(next) {
		}
	}
}
