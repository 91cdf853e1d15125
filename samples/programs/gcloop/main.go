// runtime.GC() in a loop beside 4 busy goroutines: stop-the-world after stop-the-world.
package main

import (
	"flag"
	"runtime"
	"time"
)

var sink []byte

func main() {
	d := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*d)
	for g := 0; g < 4; g++ {
		go func() {
			for {
				sink = make([]byte, 4096)
			}
		}()
	}
	for time.Now().Before(deadline) {
		runtime.GC()
	}
}
