// Many goroutines allocating small buffers as fast as they can: gcassist N DURATION.
// Run with more Ps than CPUs (GOMAXPROCS=56 on 2 CPUs) and gctrace=1.
package main

import (
	"os"
	"strconv"
	"sync"
	"time"
)

func work(id int, stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	local := make([][]byte, 0, 64)
	for {
		select {
		case <-stop:
			return
		default:
		}
		for i := 0; i < 200; i++ {
			local = append(local, make([]byte, 512+id%7*64))
			if len(local) == cap(local) {
				local = local[:0]
			}
		}
	}
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	d, _ := time.ParseDuration(os.Args[2])
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go work(i, stop, &wg)
	}
	time.Sleep(d)
	close(stop)
	wg.Wait()
}
