// 5000 goroutines each ticking every 1-20 ms doing a little work, for 2 s.
package main

import (
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	deadline := time.Now().Add(2 * time.Second)
	for g := 0; g < 5000; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			t := time.NewTicker(time.Duration(1+g%20) * time.Millisecond)
			defer t.Stop()
			x := 0
			for time.Now().Before(deadline) {
				<-t.C
				for i := 0; i < 500; i++ {
					x += i
				}
			}
		}(g)
	}
	wg.Wait()
}
