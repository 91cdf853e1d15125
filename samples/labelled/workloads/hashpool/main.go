// Condition: saturation. A worker pool sized at -per-p × GOMAXPROCS goroutines pulls job ids
// from a buffered channel that one producer keeps full, and each job hashes a 64 KB buffer with
// SHA-256 -passes times (CPU only, no allocation per job). The channel never runs dry, so no
// worker blocks: every P is busy and about (per-p − 1) × GOMAXPROCS workers wait to run for -d.
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	per := flag.Int("per-p", 6, "workers per P")
	passes := flag.Int("passes", 4, "SHA-256 passes over the 64 KB buffer per job")
	dur := flag.Duration("d", 3*time.Second, "how long the producer feeds jobs")
	flag.Parse()
	jobs := make(chan int, 4096)
	var done int64
	var wg sync.WaitGroup
	workers := *per * runtime.GOMAXPROCS(0)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			buf := make([]byte, 64<<10)
			var sum [32]byte
			for j := range jobs {
				buf[0], buf[1], buf[2] = byte(j), byte(j>>8), byte(id)
				for p := 0; p < *passes; p++ {
					sum = sha256.Sum256(buf)
					copy(buf[3:], sum[:])
				}
				atomic.AddInt64(&done, 1)
			}
		}(i)
	}
	deadline := time.Now().Add(*dur)
	for j := 0; time.Now().Before(deadline); j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	fmt.Println("jobs", atomic.LoadInt64(&done))
}
