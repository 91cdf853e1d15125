// Control: batch work sized to the Ps. Every -every a coordinator starts exactly GOMAXPROCS
// goroutines, each burning -burn of CPU, and waits for them: every P runs one goroutine for the
// burst with nothing waiting behind it (as many runnable goroutines as Ps), then every P is idle
// until the next batch.
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
	every := flag.Duration("every", 200*time.Millisecond, "time between batches")
	dur := flag.Duration("burn", 40*time.Millisecond, "CPU per goroutine per batch")
	batches := flag.Int("batches", 12, "batches")
	flag.Parse()

	var sink uint32
	var mu sync.Mutex
	for b := 0; b < *batches; b++ {
		var wg sync.WaitGroup
		for i := 0; i < runtime.GOMAXPROCS(0); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				x := burn(*dur)
				mu.Lock()
				sink ^= x
				mu.Unlock()
			}()
		}
		wg.Wait()
		time.Sleep(*every)
	}
	if sink == 42 {
		println(sink)
	}
}
