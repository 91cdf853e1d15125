// Package alloc's test allocates from 4 goroutines for 1.2 s (the GC runs often).
package alloc

import (
	"sync"
	"testing"
	"time"
)

var sink [][]byte

func TestAlloc(t *testing.T) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	stop := time.Now().Add(1200 * time.Millisecond)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				b := make([]byte, 64<<10)
				mu.Lock()
				sink = append(sink, b)
				if len(sink) > 256 {
					sink = sink[:0]
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
