// Request handler leaking on a WaitGroup: every -every a request starts a handler that fans out to
// two lookups with wg.Add(2) and waits for them (wg.Wait). One request in -broken takes an early
// error return in one lookup that skips wg.Done, so its handler waits forever: parked in
// "sync.WaitGroup.Wait" (Go 1.24 and later; "semacquire" before), a count that rises for the whole
// run and never falls, while the other handlers come and go in a few ms.
package main

import (
	"flag"
	"sync"
	"time"
)

func lookup(wg *sync.WaitGroup, fail bool, out *int) {
	time.Sleep(2 * time.Millisecond)
	if fail {
		return // the bug: an early return without wg.Done
	}
	*out = 1
	wg.Done()
}

func handle(n int, broken int) {
	var wg sync.WaitGroup
	var a, b int
	wg.Add(2)
	go lookup(&wg, false, &a)
	go lookup(&wg, n%broken == 0, &b)
	wg.Wait()
	_ = a + b
}

func main() {
	every := flag.Duration("every", 3*time.Millisecond, "time between requests")
	broken := flag.Int("broken", 4, "one request in this many leaks its handler")
	d := flag.Duration("d", 3*time.Second, "how long to run")
	flag.Parse()

	end := time.Now().Add(*d)
	for n := 1; time.Now().Before(end); n++ {
		go handle(n, *broken)
		time.Sleep(*every)
	}
}
