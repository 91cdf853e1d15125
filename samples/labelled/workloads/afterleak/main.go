// Condition: a goroutine leak in select (scheddetail). A request handler that waits for its result
// or a timeout in a helper goroutine: select on the result channel and time.After(1 hour), the
// timeout meant as a safety net. Results for one request in -lost never come (the worker drops
// them), so those helpers wait in select for an hour: the count parked in select grows by
// 1/(every × lost) a second for -d, never falling, while the other helpers come and go.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

func main() {
	every := flag.Duration("every", 3*time.Millisecond, "time between requests")
	lost := flag.Int("lost", 2, "one result in this many never comes")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	var done atomic.Int64
	deadline := time.Now().Add(*dur)
	for id := 0; time.Now().Before(deadline); id++ {
		result := make(chan int, 1)
		go func() {
			select {
			case <-result:
				done.Add(1)
			case <-time.After(time.Hour):
			}
		}()
		if id%*lost != 0 {
			go func(id int) { result <- id }(id)
		}
		time.Sleep(*every)
	}
	if done.Load() < 0 {
		println(done.Load())
	}
}
