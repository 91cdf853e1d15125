// Condition: lock contention (scheddetail). A config behind one sync.RWMutex, read by -readers
// request goroutines (RLock, a map lookup, RUnlock, then -w iterations of work outside the lock
// and a -pause between requests: together a fraction of one CPU), and a refresher that every -gap takes the write lock and holds it for -hold while it "fetches" the
// new config (a sleep standing for a slow call made under the lock). While the writer holds the
// lock, or waits for it, every reader that calls RLock parks in semacquire1 (wait reason
// "sync.RWMutex.RLock" from Go 1.20); the lock is write-held about 90% of the time, so at nearly
// every dump almost all readers wait for it while most Ps are idle.
package main

import (
	"flag"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

//go:noinline
func spin(n int) uint32 {
	x := uint32(2463534242)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

type config struct {
	mu      sync.RWMutex
	version int
	limits  map[int]int
}

func main() {
	readers := flag.Int("readers", 64, "reader goroutines")
	hold := flag.Duration("hold", 40*time.Millisecond, "how long each refresh holds the write lock")
	gap := flag.Duration("gap", 5*time.Millisecond, "time between refreshes")
	work := flag.Int("w", 2000, "spin iterations per read, outside the lock")
	pause := flag.Duration("pause", 2*time.Millisecond, "pause between a reader's requests")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()

	cfg := &config{limits: make(map[int]int, 256)}
	for k := 0; k < 256; k++ {
		cfg.limits[k] = k
	}
	deadline := time.Now().Add(*dur)
	var reads int64
	var sink uint32
	var wg sync.WaitGroup
	for r := 0; r < *readers; r++ {
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			for i := r; time.Now().Before(deadline); i++ {
				cfg.mu.RLock()
				v := cfg.limits[i%256] + cfg.version
				cfg.mu.RUnlock()
				atomic.AddUint32(&sink, spin(*work+v%2))
				atomic.AddInt64(&reads, 1)
				time.Sleep(*pause)
			}
		}(r)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for time.Now().Before(deadline) {
			time.Sleep(*gap)
			cfg.mu.Lock()
			time.Sleep(*hold)
			cfg.version++
			cfg.limits[cfg.version%256] = cfg.version
			cfg.mu.Unlock()
		}
	}()
	wg.Wait()
	fmt.Println("reads", atomic.LoadInt64(&reads), "version", cfg.version, "sink", atomic.LoadUint32(&sink))
}
