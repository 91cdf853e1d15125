// Counting loops that call nothing beside a goroutine that allocates: with asynchronous
// preemption off (or before Go 1.14) a GC's stop-the-world waits for every loop to end.
package main

import (
	"flag"
	"sync"
	"time"
)

var sink []byte

func main() {
	loops := flag.Int("loops", 3, "goroutines counting in loops without calls")
	n := flag.Int("n", 100000000, "loop count per round")
	d := flag.Duration("d", 2*time.Second, "how long to run")
	flag.Parse()
	deadline := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *loops; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				counter := 0
				for j := 0; j < *n; j++ {
					counter++
				}
				_ = counter
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for time.Now().Before(deadline) {
			for k := 0; k < 1000; k++ {
				sink = make([]byte, 64<<10)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
}
