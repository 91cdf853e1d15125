// Condition: a goroutine leak in sleep (scheddetail). A session server: a new session opens every
// -every and starts a refresher goroutine that wakes every -refresh (time.Sleep) to renew the
// session's token until the session is closed. Sessions close after -life, but the close path of
// one session in -forget forgets to stop its refresher, so those refreshers loop forever: the
// number of goroutines parked in sleep grows by about 1/(every × forget) a second for -d, never
// falling, while the live sessions stay about life/every.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

//go:noinline
func renew(id, n int) uint32 {
	x := uint32(id)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

type session struct {
	id     int
	closed atomic.Bool
}

func main() {
	every := flag.Duration("every", 3*time.Millisecond, "time between new sessions")
	life := flag.Duration("life", 30*time.Millisecond, "session lifetime")
	forget := flag.Int("forget", 3, "one session in this many never stops its refresher")
	refresh := flag.Duration("refresh", 20*time.Millisecond, "refresher period")
	work := flag.Int("w", 1000, "spin iterations per renewal")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	var renewals atomic.Int64
	deadline := time.Now().Add(*dur)
	for id := 0; time.Now().Before(deadline); id++ {
		s := &session{id: id}
		go func() {
			for !s.closed.Load() {
				time.Sleep(*refresh)
				if renew(s.id, *work) != 1 {
					renewals.Add(1)
				}
			}
		}()
		leaky := id%*forget == *forget-1
		time.AfterFunc(*life, func() {
			if !leaky {
				s.closed.Store(true)
			}
		})
		time.Sleep(*every)
	}
	if renewals.Load() < 0 {
		println(renewals.Load())
	}
}
