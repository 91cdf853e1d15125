// Condition: GC pressure from forced collections (gctrace). A service that "trims" its memory: a
// housekeeping goroutine calls debug.FreeOSMemory every -every (a forced GC cycle, run to
// completion with the world stopped for its ends, then the heap returned to the OS), while 4
// request goroutines keep a 128 MB working set and allocate modestly. Every cycle marks the working
// set: gctrace prints a forced cycle every few ms and the GC takes a large share of the CPU the
// process uses, for -d.
package main

import (
	"flag"
	"runtime/debug"
	"sync"
	"time"
)

type entry struct {
	next *entry
	data [48]byte
}

func main() {
	every := flag.Duration("every", 10*time.Millisecond, "time between FreeOSMemory calls")
	dur := flag.Duration("d", 2500*time.Millisecond, "run time")
	flag.Parse()

	var head *entry
	for i := 0; i < 2_000_000; i++ { // about 128 MB of linked entries
		head = &entry{next: head}
	}
	deadline := time.Now().Add(*dur)
	go func() {
		for time.Now().Before(deadline) {
			time.Sleep(*every)
			debug.FreeOSMemory()
		}
	}()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keep []*entry
			for n := 0; time.Now().Before(deadline); n++ {
				keep = append(keep, &entry{})
				if len(keep) > 1024 {
					keep = keep[:0]
				}
				if n%256 == 0 {
					time.Sleep(100 * time.Microsecond)
				}
			}
		}()
	}
	wg.Wait()
	if head == nil {
		println("empty")
	}
}
