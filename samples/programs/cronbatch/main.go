// cronbatch: idle between batches; every -every one goroutine starts -n goroutines of about -w of
// CPU each (a cron job fanning out), and waits for them. -batches batches.
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

var out [64]int

func main() {
	n := flag.Int("n", 20000, "goroutines per batch")
	w := flag.Int("w", 50000, "work per goroutine")
	every := flag.Duration("every", 1500*time.Millisecond, "time between batch starts")
	batches := flag.Int("batches", 4, "batches")
	flag.Parse()
	for b := 0; b < *batches; b++ {
		start := time.Now()
		var wg sync.WaitGroup
		for i := 0; i < *n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				out[i%64] += spin(*w)
			}(i)
		}
		wg.Wait()
		if rest := *every - time.Since(start); rest > 0 {
			time.Sleep(rest)
		}
	}
}
