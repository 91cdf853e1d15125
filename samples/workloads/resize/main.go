// CPU-bound load while GOMAXPROCS is changed at run time: the number of Ps
// (and of entries in the per-P bracket list) changes between SCHED lines,
// and procresize moves the queued goroutines of destroyed Ps to the global queue.
// Uses an int32 flag (not atomic.Bool) so it also builds with Go 1.10.
package main

import (
	"flag"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

func main() {
	g := flag.Int("g", 32, "CPU-bound goroutines")
	step := flag.Duration("step", 600*time.Millisecond, "time between GOMAXPROCS changes")
	seq := flag.String("seq", "2,6,3,8,1,4", "GOMAXPROCS values, in order")
	flag.Parse()
	var stop int32
	for i := 0; i < *g; i++ {
		go func() {
			s := 0
			for atomic.LoadInt32(&stop) == 0 {
				for j := 0; j < 100000; j++ {
					s += j
				}
				runtime.Gosched()
			}
			_ = s
		}()
	}
	for _, f := range strings.Split(*seq, ",") {
		p, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || p < 1 {
			panic("bad -seq value: " + f)
		}
		runtime.GOMAXPROCS(p)
		time.Sleep(*step)
	}
	atomic.StoreInt32(&stop, 1)
	time.Sleep(20 * time.Millisecond)
}
