// Condition: local run-queue overflow. Every -every, one goroutine spawns -g short goroutines
// in a tight loop (newproc → runqput on its own P). The spawner fills its 256-slot ring faster
// than thieves take from it, so runqputslow moves batches of 129 to the global queue. The
// children do about 20 µs of work each, so every burst is over in a few tens of milliseconds.
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
	g := flag.Int("g", 3000, "goroutines per burst")
	work := flag.Int("w", 20000, "work per goroutine")
	every := flag.Duration("every", 500*time.Millisecond, "time between bursts")
	bursts := flag.Int("bursts", 3, "bursts")
	flag.Parse()
	time.Sleep(*every)
	for b := 0; b < *bursts; b++ {
		var wg sync.WaitGroup
		wg.Add(*g)
		for i := 0; i < *g; i++ {
			go func() {
				spin(*work)
				wg.Done()
			}()
		}
		wg.Wait()
		time.Sleep(*every)
	}
}
