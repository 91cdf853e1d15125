// Heavy short-lived allocation, run with GOGC=25.
package main

import (
	"time"
)

type node struct {
	next *node
	buf  [48]byte
}

var sink *node
var keep [][]byte

func main() {
	for i := 0; i < 200; i++ {
		keep = append(keep, make([]byte, 256<<10)) // ~50MB live
	}
	stop := time.Now().Add(2 * time.Second)
	done := make(chan bool)
	for w := 0; w < 4; w++ {
		go func() {
			for time.Now().Before(stop) {
				var h *node
				for i := 0; i < 1000; i++ {
					h = &node{next: h}
				}
				sink = h
			}
			done <- true
		}()
	}
	for w := 0; w < 4; w++ {
		<-done
	}
}
