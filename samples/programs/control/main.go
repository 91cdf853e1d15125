// control: small heap (~2 MB live), modest allocation (a request-like loop with sleeps).
package main

import (
	"os"
	"strconv"
	"time"
)

var keep = make([][]byte, 256)
var sink []byte

func main() {
	runMs, _ := strconv.Atoi(os.Args[1])
	perTick, _ := strconv.Atoi(os.Args[2])
	for i := range keep {
		keep[i] = make([]byte, 8<<10)
	}
	t0 := time.Now()
	i := 0
	for time.Since(t0) < time.Duration(runMs)*time.Millisecond {
		for j := 0; j < perTick; j++ {
			sink = make([]byte, 4<<10)
			keep[i%256] = sink
			i++
		}
		time.Sleep(time.Millisecond)
	}
}
