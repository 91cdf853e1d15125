// yielder: goroutines that compute in short slices and call runtime.Gosched between them.
package main

import (
	"flag"
	"runtime"
	"sync"
	"time"
)

func main() {
	per := flag.Int("per", 4, "goroutines per P")
	slice := flag.Int("slice", 2000, "work between yields")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	n := *per * runtime.GOMAXPROCS(0)
	sink := make([]int, n)
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := g
			for time.Now().Before(stop) {
				for i := 0; i < *slice; i++ {
					x = x*1103515245 + 12345
				}
				runtime.Gosched()
			}
			sink[g] = x
		}(g)
	}
	wg.Wait()
}
