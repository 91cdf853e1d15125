// Steady small garbage: 4 goroutines allocate 1 KiB objects at about 60 MB/s in all and keep
// none (a live heap well under the runtime's 4 MB minimum goal), for 3 s.
package main

import (
	"sync"
	"time"
)

var sink []byte

func main() {
	deadline := time.Now().Add(3 * time.Second)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				for k := 0; k < 15; k++ {
					b := make([]byte, 1024)
					mu.Lock()
					sink = b
					mu.Unlock()
				}
				time.Sleep(time.Millisecond)
			}
		}()
	}
	wg.Wait()
}
