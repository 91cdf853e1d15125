// Allocation-heavy goroutines that keep the garbage collector busy: GC mark
// workers appear as extra goroutines (GC worker (idle)), stop-the-world phases
// show gcwaiting and idle Ps briefly, and gctrace lines interleave with SCHED lines.
package main

import (
	"flag"
	"sync"
	"time"
)

type node struct {
	next *node
	data [64]byte
}

func main() {
	n := flag.Int("n", 16, "goroutines")
	dur := flag.Duration("d", 3*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	keep := make([]*node, *n)
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for time.Now().Before(deadline) {
				var head *node
				for j := 0; j < 10000; j++ {
					head = &node{next: head}
				}
				keep[i] = head
			}
		}(i)
	}
	wg.Wait()
}
