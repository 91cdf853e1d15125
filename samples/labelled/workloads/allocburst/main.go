// Allocation in bursts: a report generator with a small live heap (-live of long-lived records)
// that every -every builds a report, allocating -burst of short-lived 64 KB buffers within a few
// tens of ms, then idles. Each burst runs the collector several times back to back (the heap goal
// is about twice the small live heap); between bursts no cycle runs. GC's share of the run's CPU
// stays small: bursts of cycles that end with the burst, not a collector that never keeps up.
package main

import (
	"flag"
	"time"
)

var live [][]byte
var sink []byte

func main() {
	liveMB := flag.Int("live", 8, "long-lived heap, MB")
	burstMB := flag.Int("burst", 64, "allocated per burst, MB")
	every := flag.Duration("every", 500*time.Millisecond, "time between bursts")
	bursts := flag.Int("bursts", 5, "bursts")
	flag.Parse()

	for i := 0; i < *liveMB*16; i++ {
		live = append(live, make([]byte, 64<<10))
	}
	for b := 0; b < *bursts; b++ {
		time.Sleep(*every)
		for i := 0; i < *burstMB*16; i++ {
			buf := make([]byte, 64<<10)
			buf[i%len(buf)] = byte(i)
			sink = buf
		}
	}
	time.Sleep(*every)
	_ = len(live)
}
