// Condition: saturation. A content-addressing service that hashes uploaded chunks: -workers
// goroutines each hash 64 KB chunks with SHA-256 in a loop for -d, never blocking. With four
// times as many workers as Ps every P is busy and about workers − GOMAXPROCS goroutines wait on the
// run queues at every dump, rotated by sysmon's forced preemption every 10 ms.
package main

import (
	"crypto/sha256"
	"flag"
	"sync"
	"time"
)

func main() {
	workers := flag.Int("workers", 256, "hashing goroutines")
	dur := flag.Duration("d", 4*time.Second, "run time")
	flag.Parse()

	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	sums := make([][32]byte, *workers)
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			chunk := make([]byte, 64<<10)
			chunk[0] = byte(w)
			for time.Now().Before(deadline) {
				sums[w] = sha256.Sum256(chunk)
				chunk[1] = sums[w][0]
			}
		}(w)
	}
	wg.Wait()
}
