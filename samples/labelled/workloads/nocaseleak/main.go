// Condition: a goroutine leak in select (no cases) (scheddetail). A connection tracker: for every new
// connection (one every -every) it starts a keep-alive goroutine meant to wait for the connection's
// close, but written as `select {}` after the tracking work, so it blocks forever (gopark with
// waitReasonSelectNoCases): the count parked in "select (no cases)" grows by 1/every a second for
// -d, never falling.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

func main() {
	every := flag.Duration("every", 4*time.Millisecond, "time between connections")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	var tracked atomic.Int64
	deadline := time.Now().Add(*dur)
	for id := 0; time.Now().Before(deadline); id++ {
		go func(id int) {
			tracked.Add(int64(id % 7))
			select {} // meant to wait for the connection to close; waits forever
		}(id)
		time.Sleep(*every)
	}
	if tracked.Load() < 0 {
		println(tracked.Load())
	}
}
