// mergesort: a parallel merge sort that starts a goroutine for each half down to a leaf size,
// sorting fresh random slices again and again for a while.
package main

import (
	"flag"
	"math/rand"
	"sort"
	"sync"
	"time"
)

func msort(a, buf []int, leaf int) {
	if len(a) <= leaf {
		sort.Ints(a)
		return
	}
	m := len(a) / 2
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); msort(a[:m], buf[:m], leaf) }()
	go func() { defer wg.Done(); msort(a[m:], buf[m:], leaf) }()
	wg.Wait()
	copy(buf, a)
	i, j, k := 0, m, 0
	for i < m && j < len(a) {
		if buf[i] <= buf[j] {
			a[k] = buf[i]
			i++
		} else {
			a[k] = buf[j]
			j++
		}
		k++
	}
	for i < m {
		a[k] = buf[i]
		i++
		k++
	}
	for j < len(a) {
		a[k] = buf[j]
		j++
		k++
	}
}

func main() {
	size := flag.Int("size", 1<<20, "elements per sort")
	leaf := flag.Int("leaf", 2048, "elements sorted in one goroutine")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	a := make([]int, *size)
	buf := make([]int, *size)
	r := rand.New(rand.NewSource(1))
	for stop := time.Now().Add(*d); time.Now().Before(stop); {
		for i := range a {
			a[i] = r.Int()
		}
		msort(a, buf, *leaf)
	}
}
