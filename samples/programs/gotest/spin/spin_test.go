// Package spin's test keeps 8 goroutines on the CPU for 1.5 s: under `go test ./gotest/...` with
// GODEBUG set, its schedtrace is one of several processes printing into the same stderr.
package spin

import (
	"sync"
	"testing"
	"time"
)

func TestSpin(t *testing.T) {
	var wg sync.WaitGroup
	stop := time.Now().Add(1500 * time.Millisecond)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0
			for time.Now().Before(stop) {
				for j := 0; j < 100000; j++ {
					x += j
				}
			}
			_ = x
		}()
	}
	wg.Wait()
}
