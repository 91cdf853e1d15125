// assist: 64 goroutines allocating short-lived and some retained memory as fast as they can, for 2 s.
package main

import (
	"flag"
	"runtime"
	"time"
)

var keep [][]byte

func main() {
	n := flag.Int("g", 64, "allocating goroutines")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	done := make(chan [][]byte)
	for i := 0; i < *n; i++ {
		go func(i int) {
			var mine [][]byte
			for j := 0; time.Now().Before(stop); j++ {
				b := make([]byte, 4096+j%8192)
				b[0] = byte(i)
				if j%64 == 0 {
					mine = append(mine, b)
					if len(mine) > 2000 {
						mine = mine[1000:]
					}
				}
			}
			done <- mine
		}(i)
	}
	for i := 0; i < *n; i++ {
		keep = append(keep, (<-done)...)
	}
	runtime.KeepAlive(keep)
}
