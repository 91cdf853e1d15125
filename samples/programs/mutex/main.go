// 200 goroutines contending for one sync.Mutex around a short critical section, for 2 s.
package main

import (
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	shared := make(map[int]int)
	deadline := time.Now().Add(2 * time.Second)
	for g := 0; g < 200; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := 0
			for time.Now().Before(deadline) {
				for i := 0; i < 2000; i++ {
					x += i * g
				}
				mu.Lock()
				shared[g%16] += x
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
}
