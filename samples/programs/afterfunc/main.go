// every 100ms, schedule 20000 time.AfterFunc callbacks due within 0-50ms; each does tiny work
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

func main() {
	var n int64
	end := time.Now().Add(2500 * time.Millisecond)
	for time.Now().Before(end) {
		for i := 0; i < 20000; i++ {
			d := time.Duration(i%50) * time.Millisecond
			time.AfterFunc(d, func() {
				s := 0
				for k := 0; k < 500; k++ {
					s += k
				}
				atomic.AddInt64(&n, int64(s&1)+1)
			})
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Println("fired", atomic.LoadInt64(&n))
}
