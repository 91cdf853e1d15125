package main

import (
	"sync"
	"time"
)

var sink []byte

// 8 goroutines allocate hard for 1.5 s (many GC cycles), then the process idles 3.5 s.
func main() {
	var wg sync.WaitGroup
	stop := time.Now().Add(1500 * time.Millisecond)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				b := make([]byte, 32<<10)
				sink = b
			}
		}()
	}
	wg.Wait()
	time.Sleep(3500 * time.Millisecond)
}
