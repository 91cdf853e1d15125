// A batch job on a timer: every 300 ms one goroutine starts 400 workers of about 2 ms of CPU each
// and waits for them, for 3 s.
package main

import (
	"sync"
	"time"
)

var sink int

func work() int {
	s := 0
	for i := 0; i < 2_000_000; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	var mu sync.Mutex
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		start := time.Now()
		var wg sync.WaitGroup
		for i := 0; i < 400; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := work()
				mu.Lock()
				sink += r
				mu.Unlock()
			}()
		}
		wg.Wait()
		if d := 300*time.Millisecond - time.Since(start); d > 0 {
			time.Sleep(d)
		}
	}
}
