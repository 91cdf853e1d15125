// Package sleep's test parks 100 goroutines on timers for 1 s: an idle process beside the others.
package sleep

import (
	"sync"
	"testing"
	"time"
)

func TestSleep(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 10; k++ {
				time.Sleep(100 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}
