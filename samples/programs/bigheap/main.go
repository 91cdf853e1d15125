// bigheap: live heap of liveMB in pointer nodes (shape=list: one long chain, marking is serial;
// shape=tree: a slice of pointers, parallel), then allocate garbage for runMs at a steady rate.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

type node struct {
	next *node
	a, b *node
	pad  [5]uintptr
}

var roots []*node
var head *node
var sink *node

func main() {
	liveMB, _ := strconv.Atoi(os.Args[1])
	runMs, _ := strconv.Atoi(os.Args[2])
	shape := os.Args[3]
	if len(os.Args) > 4 {
		idleMs, _ := strconv.Atoi(os.Args[4])
		time.Sleep(time.Duration(idleMs) * time.Millisecond)
	}
	n := liveMB << 20 / 64
	t0 := time.Now()
	if shape == "list" {
		for i := 0; i < n; i++ {
			head = &node{next: head}
		}
	} else {
		roots = make([]*node, n)
		for i := range roots {
			roots[i] = &node{}
		}
	}
	fmt.Println("built", time.Since(t0))
	t1 := time.Now()
	var cnt int
	for time.Since(t1) < time.Duration(runMs)*time.Millisecond {
		for j := 0; j < 10000; j++ {
			sink = &node{}
			cnt++
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("numgc", ms.NumGC, "gcfrac", ms.GCCPUFraction, "pausetotal", time.Duration(ms.PauseTotalNs), "allocs", cnt)
}
