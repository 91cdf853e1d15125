// 500 goroutines wait on a sync.Cond; main broadcasts every 20ms for 2s; each woken goroutine does a bit of work
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	gen := 0
	var work int64
	var wm sync.Mutex
	for i := 0; i < 500; i++ {
		go func(i int) {
			last := 0
			for {
				mu.Lock()
				for gen == last {
					c.Wait()
				}
				last = gen
				mu.Unlock()
				s := 0
				for k := 0; k < 20000; k++ {
					s += k ^ i
				}
				wm.Lock()
				work += int64(s & 1)
				wm.Unlock()
			}
		}(i)
	}
	end := time.Now().Add(2 * time.Second)
	for time.Now().Before(end) {
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		gen++
		mu.Unlock()
		c.Broadcast()
	}
	fmt.Println("gens", gen, work)
}
