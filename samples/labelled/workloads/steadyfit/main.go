// Control for saturation: exactly GOMAXPROCS−1 CPU-bound goroutines (a Monte Carlo estimate in
// float arithmetic, no allocation, no blocking) for -d, while main waits. One P stays free and
// nothing waits to run: the Ps are busy, not oversubscribed.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	n := runtime.GOMAXPROCS(0) - 1
	if n < 1 {
		n = 1
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	hits := make([]int, n)
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := uint64(g)*0x9E3779B97F4A7C15 + 1
			in := 0
			for time.Now().Before(deadline) {
				for k := 0; k < 4096; k++ {
					x ^= x << 13
					x ^= x >> 7
					x ^= x << 17
					a := float64(x>>11) / (1 << 53)
					x ^= x << 13
					x ^= x >> 7
					x ^= x << 17
					b := float64(x>>11) / (1 << 53)
					if a*a+b*b < 1 {
						in++
					}
				}
			}
			hits[g] = in
		}(g)
	}
	wg.Wait()
	s := 0
	for _, h := range hits {
		s += h
	}
	fmt.Println("hits", s)
}
