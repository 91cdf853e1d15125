// Logs to stderr (the log package) from 8 goroutines while busy, for -d (1 s), then exits with status 1.
package main

import (
	"flag"
	"log"
	"os"
	"sync"
	"time"
)

func main() {
	d := flag.Duration("d", time.Second, "how long the workers run")
	flag.Parse()
	var wg sync.WaitGroup
	deadline := time.Now().Add(*d)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := 0
			for time.Now().Before(deadline) {
				for i := 0; i < 200000; i++ {
					x += i
				}
				log.Printf("worker %d at %d", g, x%1000)
			}
		}(g)
	}
	wg.Wait()
	os.Exit(1)
}
