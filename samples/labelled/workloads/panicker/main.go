// Condition: a crash and a restart. A light load (4 goroutines waking every 5 ms), then a panic
// after -after. The capture script runs it twice into one log, as a supervisor restarting it
// would: the runtime's crash dump and panic text end the first run; SCHED 0ms starts the second.
package main

import (
	"flag"
	"time"
)

func main() {
	after := flag.Duration("after", 600*time.Millisecond, "time before the panic")
	flag.Parse()
	for i := 0; i < 4; i++ {
		go func() {
			for {
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	time.Sleep(*after)
	var m map[string]int
	m["config"]++ // assignment to entry in nil map
}
