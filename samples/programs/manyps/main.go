// Thousands of Ps on a small machine: main starts 3,000 goroutines of about 2 ms of CPU each, waits
// for them, sleeps 200 ms, four times over. Run with GOMAXPROCS far above the CPUs (2,048 on 2
// cores): every goroutine is made on main's P, whose ring spills to the global queue while the Ps
// woken to steal wait for a core.
package main

import (
	"flag"
	"sync"
	"time"
)

func spin(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
	}
}

func main() {
	rounds := flag.Int("rounds", 4, "bursts")
	n := flag.Int("n", 3000, "goroutines per burst")
	flag.Parse()
	var wg sync.WaitGroup
	for r := 0; r < *rounds; r++ {
		for i := 0; i < *n; i++ {
			wg.Add(1)
			go func() { defer wg.Done(); spin(2 * time.Millisecond) }()
		}
		wg.Wait()
		time.Sleep(200 * time.Millisecond)
	}
}
