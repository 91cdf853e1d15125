// memstats: a metrics goroutine calling runtime.ReadMemStats (which stops the world) every -every
// beside 8 goroutines allocating small buffers at a modest rate, for -d.
package main

import (
	"flag"
	"runtime"
	"time"
)

var sink [][]byte

func main() {
	every := flag.Duration("every", 500*time.Microsecond, "time between ReadMemStats calls")
	d := flag.Duration("d", 4*time.Second, "run time")
	flag.Parse()
	for i := 0; i < 8; i++ {
		go func(i int) {
			local := make([][]byte, 64)
			for j := 0; ; j++ {
				local[j%64] = make([]byte, 1024)
				if j%16 == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}(i)
	}
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			time.Sleep(*every)
		}
	}()
	time.Sleep(*d)
}
