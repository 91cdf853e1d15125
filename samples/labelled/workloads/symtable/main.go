// Condition: GC pressure (gctrace). A symbol-table service: it builds a pointer-heavy live heap
// (-symbols small records, each pointing at its name and its neighbour, in a map: about 150 MB at
// the default), then -g request goroutines each build and drop 4 KB response buffers in a tight
// loop for -d, under debug.SetGCPercent(-gogc). The allocation rate of hundreds of MB a second
// against a heap goal of live × (1 + gogc/100) starts a cycle every few hundred ms, and every cycle
// marks the whole table (dedicated mark workers on a quarter of the Ps, assists in the allocating
// goroutines): from the build on the collector marks most of the time and takes about a third of
// the CPU the process uses.
package main

import (
	"flag"
	"runtime/debug"
	"strconv"
	"sync"
	"time"
)

type symbol struct {
	name string
	next *symbol
	addr uint64
	refs []*symbol
}

func main() {
	symbols := flag.Int("symbols", 1500000, "symbols in the live table")
	g := flag.Int("g", 4, "allocating request goroutines")
	gogc := flag.Int("gogc", 50, "GOGC while serving")
	dur := flag.Duration("d", 2500*time.Millisecond, "serving time")
	flag.Parse()

	debug.SetGCPercent(*gogc)
	table := make(map[string]*symbol, *symbols)
	var prev *symbol
	for i := 0; i < *symbols; i++ {
		s := &symbol{name: "sym." + strconv.Itoa(i), next: prev, addr: uint64(i) * 16}
		if prev != nil {
			s.refs = []*symbol{prev}
		}
		table[s.name] = s
		prev = s
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var total [16]int
	for w := 0; w < *g; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var recent [64][]byte // the last responses, kept for a retry: each buffer escapes to the heap
			for n := 0; time.Now().Before(deadline); n++ {
				buf := make([]byte, 4096)
				recent[n%64] = buf
				s := table["sym."+strconv.Itoa((n*7919+w)%*symbols)]
				buf[0] = byte(s.addr)
				if old := recent[(n+1)%64]; old != nil {
					total[w%16] += int(old[0])
				}
				total[w%16] += len(s.name)
			}
		}(w)
	}
	wg.Wait()
	if total[0] < 0 || len(table) == 0 {
		println(total[0])
	}
}
