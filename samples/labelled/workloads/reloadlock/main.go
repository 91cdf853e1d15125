// Condition: lock contention (scheddetail). A config cache behind one sync.RWMutex: -readers
// goroutines take the read lock to look a key up (a few µs of CPU under it) in a loop, and a
// reloader takes the write lock every -reload and holds it for -hold while it rebuilds the map. A
// pending writer blocks new readers (RWMutex.RLock waits while a writer waits), so at every reload
// the readers pile up in "sync.RWMutex.RLock" behind it, far more of them than Ps, for -d.
package main

import (
	"flag"
	"strconv"
	"sync"
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

func main() {
	readers := flag.Int("readers", 256, "reader goroutines")
	reload := flag.Duration("reload", 2*time.Millisecond, "time between reloads")
	hold := flag.Duration("hold", time.Millisecond, "time the reloader holds the write lock")
	dur := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()

	var mu sync.RWMutex
	cfg := map[string]int{}
	for i := 0; i < 1000; i++ {
		cfg["key"+strconv.Itoa(i)] = i
	}
	deadline := time.Now().Add(*dur)
	var sink [64]uint32
	for r := 0; r < *readers; r++ {
		go func(r int) {
			for n := 0; time.Now().Before(deadline); n++ {
				mu.RLock()
				v := cfg["key"+strconv.Itoa((n+r)%1000)]
				sink[r%64] += spin(200 + v%50)
				mu.RUnlock()
				time.Sleep(100 * time.Microsecond)
			}
		}(r)
	}
	for time.Now().Before(deadline) {
		time.Sleep(*reload)
		mu.Lock()
		end := time.Now().Add(*hold)
		for time.Now().Before(end) {
			spin(1000)
		}
		cfg["version"]++
		mu.Unlock()
	}
	if sink[0] == 42 {
		println(sink[0])
	}
}
