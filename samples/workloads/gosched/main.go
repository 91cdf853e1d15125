// Gosched: CPU-bound goroutines that call runtime.Gosched after every small
// chunk of work. Each yield puts the goroutine on the *global* run queue, so
// runqueue= stays non-zero while the per-P queues stay near 0 and schedtick
// grows by one per yield.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

func main() {
	g := flag.Int("g", 16, "goroutines")
	work := flag.Int("w", 20000, "loop iterations between yields")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for n := 0; ; n++ {
				for j := 0; j < *work; j++ {
					s += j ^ (s >> 2)
				}
				if n%64 == 0 && time.Now().After(deadline) {
					break
				}
				runtime.Gosched()
			}
			_ = s
		}()
	}
	wg.Wait()
}
