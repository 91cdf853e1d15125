// Condition: GC pressure. GOMAXPROCS/2 goroutines allocate pointer-rich lists and keep the
// last few alive, so the heap stays small and the collector runs many cycles per second with
// a large share of the CPU; there are fewer goroutines than Ps, so no run-queue backlog.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

type node struct {
	next *node
	pad  [6]*int
}

func main() {
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	n := runtime.GOMAXPROCS(0) / 2
	if n < 1 {
		n = 1
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keep [8]*node
			k := 0
			for time.Now().Before(deadline) {
				var head *node
				for j := 0; j < 20000; j++ {
					head = &node{next: head}
				}
				keep[k%len(keep)] = head
				k++
			}
		}()
	}
	wg.Wait()
}
