// deadlock: a worker pool whose producer stops after -d without closing the jobs channel, while
// main waits for the workers: every goroutine ends up blocked and the runtime reports
// "all goroutines are asleep - deadlock!".
package main

import (
	"flag"
	"sync"
	"time"
)

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	d := flag.Duration("d", time.Second, "time the producer runs")
	flag.Parse()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				spin(j)
			}
		}()
	}
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		jobs <- 50_000
	}
	wg.Wait()
}
