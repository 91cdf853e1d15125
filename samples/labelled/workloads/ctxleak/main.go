// Condition: a goroutine leak in chan receive (scheddetail). A request loop (one request every
// -every): each request derives a context with context.WithCancel and starts a watcher goroutine
// that waits on ctx.Done() to release the request's resources. A request that succeeds calls its
// cancel; one that fails (1 in -fail) files its cancel in a retry table that nothing ever drains,
// so its watcher stays parked in chanrecv (wait reason "chan receive") for as long as the process
// runs: the parked count grows by about 1/(-every × -fail) a second for -d, never falling.
package main

import (
	"context"
	"flag"
	"fmt"
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

func main() {
	every := flag.Duration("every", 4*time.Millisecond, "time between requests")
	fail := flag.Int("fail", 2, "one request in this many fails and leaks its watcher")
	work := flag.Int("w", 20000, "spin iterations per request")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	var released int64
	var sink uint32
	retry := make(map[int]context.CancelFunc)
	deadline := time.Now().Add(*dur)
	id := 0
	for ; time.Now().Before(deadline); id++ {
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			<-ctx.Done()
			atomic.AddInt64(&released, 1)
		}()
		atomic.AddUint32(&sink, spin(*work))
		if id%*fail == *fail-1 {
			retry[id] = cancel // the retry that would cancel it never comes
		} else {
			cancel()
		}
		time.Sleep(*every)
	}
	fmt.Println("requests", id, "released", atomic.LoadInt64(&released), "pending", len(retry), "sink", atomic.LoadUint32(&sink))
}
