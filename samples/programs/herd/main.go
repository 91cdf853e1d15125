// herd: 20,000 goroutines wait on one channel; main closes it every 200 ms and a new generation
// starts waiting on a new channel (a thundering herd on a broadcast close).
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 20000, "waiters per generation")
	gens := flag.Int("gens", 10, "generations")
	flag.Parse()
	var wg sync.WaitGroup
	for g := 0; g < *gens; g++ {
		ch := make(chan struct{})
		for i := 0; i < *n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-ch
				x := i
				for j := 0; j < 2000; j++ {
					x = x*31 + j
				}
				_ = x
			}(i)
		}
		time.Sleep(200 * time.Millisecond)
		close(ch)
	}
	wg.Wait()
	time.Sleep(100 * time.Millisecond)
}
