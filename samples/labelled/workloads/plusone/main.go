// Control: one goroutine more than the Ps. GOMAXPROCS+1 goroutines each burn CPU for the whole
// run. Every P runs one of them and one waits, taking its turn when sysmon preempts a goroutine
// that ran 10 ms (retake → preemptone): one runnable goroutine behind GOMAXPROCS Ps, never one per P.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

//go:noinline
func burn(d time.Duration) uint32 {
	x := uint32(2463534242)
	for end := time.Now().Add(d); time.Now().Before(end); {
		for i := 0; i < 1000; i++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
		}
	}
	return x
}

func main() {
	d := flag.Duration("d", 2500*time.Millisecond, "how long each goroutine burns")
	flag.Parse()

	var wg sync.WaitGroup
	var mu sync.Mutex
	var sink uint32
	for i := 0; i < runtime.GOMAXPROCS(0)+1; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := burn(*d)
			mu.Lock()
			sink ^= x
			mu.Unlock()
		}()
	}
	wg.Wait()
	if sink == 42 {
		println(sink)
	}
}
