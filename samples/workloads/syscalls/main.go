// Goroutines that block in system calls, so Ps are handed off and the
// runtime starts more OS threads.
package main

import (
	"flag"
	"os"
	"sync"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 40, "goroutines")
	dur := flag.Duration("d", 3*time.Second, "duration")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			buf := make([]byte, 1<<16)
			f, _ := os.Open("/dev/urandom")
			defer f.Close()
			for time.Now().Before(deadline) {
				if i%2 == 0 {
					ts := syscall.Timespec{Nsec: 2000000} // 2ms (no digit separators: Go 1.10 must build it)
					syscall.Nanosleep(&ts, nil)
				} else {
					f.Read(buf)
				}
			}
		}(i)
	}
	wg.Wait()
}
