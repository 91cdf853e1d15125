// leakprofile: goroutines leak on channels nobody else holds while the program allocates; every
// 250 ms it writes the goroutineleak profile (Go 1.26, GOEXPERIMENT=goroutineleakprofile), whose
// GC cycle finds the leaked goroutines.
package main

import (
	"flag"
	"io"
	"runtime/pprof"
	"time"
)

var sink [][]byte

func leak() {
	ch := make(chan int)
	go func() { <-ch }()
}

func main() {
	d := flag.Duration("d", 2*time.Second, "how long to run")
	flag.Parse()
	prof := pprof.Lookup("goroutineleak")
	end := time.Now().Add(*d)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(end) {
		for i := 0; i < 200; i++ {
			leak()
			sink = append(sink, make([]byte, 16<<10))
			if len(sink) > 512 {
				sink = sink[:0]
			}
		}
		select {
		case <-tick.C:
			if prof != nil {
				prof.WriteTo(io.Discard, 0)
			}
		default:
		}
		time.Sleep(5 * time.Millisecond)
	}
}
