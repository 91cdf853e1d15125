// Condition: a crash, "fatal error: concurrent map writes". A session cache: -n handler goroutines
// update one map under a sync.Mutex, with a little work outside the lock. After -after a
// housekeeping goroutine (added later, by mistake without the lock) starts resetting the counters.
// The map's own check (the hashWriting flag) sees two writers at once within microseconds and
// the runtime throws: a fatal error, which recover cannot catch; with schedtrace set it prints a
// detailed scheduler dump on its way down (startpanic_m) and exits with status 2. If it has not
// crashed by -d it exits 0.
package main

import (
	"flag"
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
	n := flag.Int("n", 8, "handler goroutines")
	after := flag.Duration("after", 600*time.Millisecond, "when the unlocked writer starts")
	keys := flag.Int("keys", 1024, "sessions")
	dur := flag.Duration("d", 3*time.Second, "exit 0 if still alive by then")
	flag.Parse()

	sessions := make(map[int]int, *keys)
	var mu sync.Mutex
	for h := 0; h < *n; h++ {
		go func(h int) {
			for i := h; ; i++ {
				mu.Lock()
				sessions[i%*keys]++
				mu.Unlock()
				spin(200)
			}
		}(h)
	}
	go func() {
		time.Sleep(*after)
		for {
			for k := 0; k < *keys; k++ {
				sessions[k] = 0 // no lock: the bug
			}
		}
	}()
	time.Sleep(*dur)
}
