// Condition: restarts without a panic. A service that starts, serves a light load (4 goroutines
// waking every 5 ms) and after -after re-reads its configuration, finds a key missing and calls
// log.Fatalf: the message goes to stderr and os.Exit(1) ends the process at once, with no panic, no
// traceback and no scheduler crash dump. The capture script runs it three times into one log, as a
// supervisor restarting a crash-looping container would: SCHED 0ms starts each new process.
package main

import (
	"flag"
	"log"
	"os"
	"time"
)

func main() {
	after := flag.Duration("after", 500*time.Millisecond, "time before the fatal configuration check")
	flag.Parse()
	for i := 0; i < 4; i++ {
		go func() {
			for {
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	time.Sleep(*after)
	if os.Getenv("ROUTER_UPSTREAM") == "" {
		log.Fatalf("config: required key %q is not set", "ROUTER_UPSTREAM")
	}
}
