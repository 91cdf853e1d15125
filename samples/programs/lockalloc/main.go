// lockalloc: -g goroutines that each take one sync.Mutex and hold it for about -hold of CPU, then,
// outside it, build a list of -nodes pointer-rich nodes and keep the last few alive: a lock every
// request goes through and an allocation rate that keeps the collector running many cycles a second.
package main

import (
	"flag"
	"sync"
	"time"
)

type node struct {
	next *node
	pad  [6]*int
}

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	g := flag.Int("g", 32, "goroutines")
	hold := flag.Int("hold", 50_000, "spin iterations inside the lock")
	nodes := flag.Int("nodes", 20_000, "nodes allocated outside the lock")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	var mu sync.Mutex
	shared := 0
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keep [8]*node
			k := 0
			for time.Now().Before(stop) {
				mu.Lock()
				shared += spin(*hold)
				mu.Unlock()
				var head *node
				for j := 0; j < *nodes; j++ {
					head = &node{next: head}
				}
				keep[k%len(keep)] = head
				k++
			}
		}()
	}
	wg.Wait()
}
