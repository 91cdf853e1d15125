// Logs to stderr (the log package, microsecond stamps) from 8 goroutines as fast as a short loop
// allows, for -d (400 ms): so many lines that another writer's line lands between most of
// schedtrace's writes, often two or three times in one SCHED line. -alloc makes each line allocate,
// so that GC cycles (and gctrace lines) come too.
package main

import (
	"flag"
	"log"
	"os"
	"sync"
	"time"
)

// sink keeps each worker's last allocation reachable until its next one.
var sink [8][]byte

func main() {
	d := flag.Duration("d", 400*time.Millisecond, "how long the workers run")
	work := flag.Int("work", 20000, "loop iterations between two log lines")
	alloc := flag.Int("alloc", 0, "bytes allocated per log line (0: none), to make GC cycles come")
	flag.Parse()
	l := log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)
	var wg sync.WaitGroup
	deadline := time.Now().Add(*d)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := 0
			for n := 0; time.Now().Before(deadline); n++ {
				for i := 0; i < *work; i++ {
					x += i
				}
				if *alloc > 0 {
					sink[g] = make([]byte, *alloc)
				}
				l.Printf("worker %d handled request %d", g, n)
			}
			_ = x
		}(g)
	}
	wg.Wait()
}
