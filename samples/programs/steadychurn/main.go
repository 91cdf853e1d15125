// Steady garbage from the start: 8 goroutines each allocate 64 KiB buffers, fill a little of each
// and drop it, keeping a live set of about 2 MB between them, for 3 s.
package main

import (
	"sync"
	"time"
)

func main() {
	deadline := time.Now().Add(3 * time.Second)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keep := make([][]byte, 4)
			for i := 0; time.Now().Before(deadline); i++ {
				b := make([]byte, 64<<10)
				b[0] = byte(i)
				keep[i%4] = b
			}
		}()
	}
	wg.Wait()
}
