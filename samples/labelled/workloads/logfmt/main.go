// Condition: GC pressure (gctrace). A log formatter: -workers goroutines (by default half the Ps,
// at least one, so no run-queue backlog) each format batches of -batch structured log lines with
// fmt.Sprintf and strconv into fresh strings, join them into one buffer and checksum it, keeping
// only their last 2 batches. The live heap stays a few MB while every line allocates: a high
// allocation rate, so the collector runs many cycles a second for -d, with mark assists.
package main

import (
	"flag"
	"fmt"
	"hash/crc32"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var levels = []string{"debug", "info", "warn", "error"}

func main() {
	workers := flag.Int("workers", 0, "formatting goroutines (0: GOMAXPROCS/2, at least 1)")
	batch := flag.Int("batch", 512, "lines per batch")
	dur := flag.Duration("d", 2500*time.Millisecond, "duration")
	flag.Parse()
	n := *workers
	if n == 0 {
		n = runtime.GOMAXPROCS(0) / 2
		if n < 1 {
			n = 1
		}
	}
	deadline := time.Now().Add(*dur)
	var lines int64
	var sum uint32
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var kept [2][]byte
			for b := 0; time.Now().Before(deadline); b++ {
				out := make([]string, 0, *batch)
				for i := 0; i < *batch; i++ {
					seq := b**batch + i
					out = append(out, fmt.Sprintf("ts=%s level=%s worker=%d seq=%d msg=%q user=%s latency=%s",
						strconv.FormatInt(int64(1700000000000+seq), 10), levels[seq%4], w, seq,
						"request served", "u"+strconv.Itoa(seq%997), time.Duration(seq%5000)*time.Microsecond))
				}
				buf := []byte(strings.Join(out, "\n"))
				atomic.AddUint32(&sum, crc32.ChecksumIEEE(buf))
				kept[b%2] = buf
				atomic.AddInt64(&lines, int64(*batch))
			}
			_ = kept
		}(w)
	}
	wg.Wait()
	fmt.Println("lines", atomic.LoadInt64(&lines), "sum", atomic.LoadUint32(&sum))
}
