// A live heap close to GOMEMLIMIT: the GC runs nearly back to back (a death spiral), with the
// allocating goroutines assisting.
package main

import (
	"flag"
	"sync"
	"time"
)

var sink [][]byte

func main() {
	live := flag.Int("live", 90, "live heap in MiB")
	d := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	for i := 0; i < *live; i++ {
		sink = append(sink, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(*d)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keep []byte
			for time.Now().Before(deadline) {
				keep = make([]byte, 64<<10)
				keep[0] = 1
			}
			_ = keep
		}()
	}
	wg.Wait()
}
