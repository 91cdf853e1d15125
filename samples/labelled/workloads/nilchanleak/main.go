// Condition: a goroutine leak in chan receive (nil chan) (scheddetail). A job runner: each job (one
// every -every) starts a waiter that receives from the job's done channel; jobs of one kind in
// -broken never get their channel made (a map lookup that misses returns a nil channel), and a
// receive from a nil channel blocks forever (gopark with waitReasonChanReceiveNilChan): that count
// grows by 1/(every × broken) a second for -d, never falling, while the other waiters come and go.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

func main() {
	every := flag.Duration("every", 2*time.Millisecond, "time between jobs")
	broken := flag.Int("broken", 3, "one job kind in this many has no done channel")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	var finished atomic.Int64
	done := map[int]chan struct{}{}
	deadline := time.Now().Add(*dur)
	for id := 0; time.Now().Before(deadline); id++ {
		kind := id % *broken
		if kind != 0 {
			done[id] = make(chan struct{})
		}
		ch := done[id] // nil for kind 0
		go func() {
			<-ch
			finished.Add(1)
		}()
		if ch != nil {
			time.AfterFunc(5*time.Millisecond, func() { close(ch) })
		}
		delete(done, id)
		time.Sleep(*every)
	}
	if finished.Load() < 0 {
		println(finished.Load())
	}
}
