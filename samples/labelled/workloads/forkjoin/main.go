// Condition: local run-queue overflow. A fork-join merge sort of -chunks × -chunk ints, run in
// -waves waves -every apart. In each wave one coordinator goroutine forks one goroutine per chunk
// in a tight loop (each sorts its chunk, about 20 µs), joins them, then forks one goroutine per
// pair for every merge level (1024, 512, ... merges). newproc puts each child on the
// coordinator's P (runqput), faster than thieves take them, so the 256-slot ring fills and
// runqputslow moves batches of 129 to the global queue. Each wave is over in well under 500 ms.
package main

import (
	"flag"
	"sort"
	"sync"
	"time"
)

func merge(dst, a, b []int) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}

func wave(data, buf []int, chunk int) []int {
	var wg sync.WaitGroup
	n := len(data) / chunk
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(s []int) {
			sort.Ints(s)
			wg.Done()
		}(data[i*chunk : (i+1)*chunk])
	}
	wg.Wait()
	for w := chunk; w < len(data); w *= 2 {
		pairs := len(data) / (2 * w)
		wg.Add(pairs)
		for p := 0; p < pairs; p++ {
			lo := p * 2 * w
			go func(dst, a, b []int) {
				merge(dst, a, b)
				wg.Done()
			}(buf[lo:lo+2*w], data[lo:lo+w], data[lo+w:lo+2*w])
		}
		wg.Wait()
		data, buf = buf, data
	}
	return data
}

func main() {
	chunks := flag.Int("chunks", 2048, "leaf chunks per wave (a power of two)")
	chunk := flag.Int("chunk", 512, "ints per leaf chunk")
	every := flag.Duration("every", 500*time.Millisecond, "time between waves")
	waves := flag.Int("waves", 4, "waves")
	flag.Parse()
	data := make([]int, *chunks**chunk)
	buf := make([]int, len(data))
	x := uint64(88172645463325252)
	time.Sleep(300 * time.Millisecond)
	for w := 0; w < *waves; w++ {
		for i := range data {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			data[i] = int(x >> 1)
		}
		out := wave(data, buf, *chunk)
		if !sort.IntsAreSorted(out) {
			panic("not sorted")
		}
		time.Sleep(*every)
	}
}
