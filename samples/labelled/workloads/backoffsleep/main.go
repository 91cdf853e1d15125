// Control for sleepers: a client whose calls back off once. A request every -every; each sleeps
// -backoff once (a retry delay) and then finishes: the goroutines asleep rise for -backoff, level
// off at about backoff/every and stay there, a steady state, not a leak; then, when the requests
// stop, drain to none. Light CPU.
package main

import (
	"flag"
	"sync"
	"time"
)

func main() {
	every := flag.Duration("every", 4*time.Millisecond, "time between requests")
	backoff := flag.Duration("backoff", 400*time.Millisecond, "each request's one retry delay")
	dur := flag.Duration("d", 3*time.Second, "time requests keep coming")
	flag.Parse()

	var wg sync.WaitGroup
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(*backoff)
		}()
		time.Sleep(*every)
	}
	wg.Wait()
}
