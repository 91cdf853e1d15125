// Condition: local-overflow. A bulk indexer: every -every a batch of -docs documents arrives and one
// dispatcher goroutine spawns a goroutine per document (tokenise and hash, about -w iterations of
// CPU, a few µs), then waits for the batch on a sync.WaitGroup. newproc puts each new goroutine on
// the dispatcher's P (runnext, the one before it to the ring's tail), thousands in about a
// millisecond, faster than the spinning Ms of the idle Ps steal half at a time, so the ring fills
// and runqputslow moves half of it plus one (129) to the global queue, again and again within each
// batch. Between batches every P is idle.
package main

import (
	"flag"
	"sync"
	"time"
)

//go:noinline
func tokenise(doc, n int) uint32 {
	x := uint32(doc)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	docs := flag.Int("docs", 4000, "documents per batch, one goroutine each")
	batches := flag.Int("batches", 5, "batches")
	every := flag.Duration("every", 400*time.Millisecond, "time between batches")
	work := flag.Int("w", 4000, "spin iterations per document")
	flag.Parse()

	var sink uint32
	var mu sync.Mutex
	time.Sleep(200 * time.Millisecond)
	for b := 0; b < *batches; b++ {
		start := time.Now()
		var wg sync.WaitGroup
		wg.Add(*docs)
		for d := 0; d < *docs; d++ {
			go func(d int) {
				h := tokenise(d, *work)
				if h == 0 {
					mu.Lock()
					sink++
					mu.Unlock()
				}
				wg.Done()
			}(d)
		}
		wg.Wait()
		time.Sleep(*every - time.Since(start))
	}
	if sink == 42 {
		println(sink)
	}
}
