// satlock: n goroutines each LockOSThread and do CPU work in bursts with short sleeps, for runMs.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

//go:noinline
func work(x uint64) uint64 { return x*6364136223846793005 + 1442695040888963407 }

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	runMs, _ := strconv.Atoi(os.Args[2])
	sleepUs, _ := strconv.Atoi(os.Args[3])
	var wg sync.WaitGroup
	deadline := time.Now().Add(time.Duration(runMs) * time.Millisecond)
	var total uint64
	var mu sync.Mutex
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			runtime.LockOSThread()
			x := uint64(i)
			for time.Now().Before(deadline) {
				for k := 0; k < 200000; k++ {
					x = work(x)
				}
				if sleepUs > 0 {
					time.Sleep(time.Duration(sleepUs) * time.Microsecond)
				}
			}
			mu.Lock()
			total += x
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println(total)
}
