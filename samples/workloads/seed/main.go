// The seed article's program: 20 goroutines sleep 1s, then each count to N.
// Shows an idle start (all Ps idle, timers pending) followed by a CPU-bound
// phase where every P is busy and the extra goroutines queue locally.
package main

import (
	"flag"
	"sync"
	"time"
)

var wg sync.WaitGroup

func main() {
	n := flag.Int("n", 300000000, "loop count per goroutine")
	flag.Parse()
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go work(*n)
	}
	wg.Wait()
	time.Sleep(10 * time.Millisecond)
}

func work(n int) {
	time.Sleep(time.Second)
	counter := 0
	for i := 0; i < n; i++ {
		counter++
	}
	_ = counter
	wg.Done()
}
