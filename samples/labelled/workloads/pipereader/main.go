// Condition: thread growth from blocking syscalls. -n goroutines each block in read(2) on the
// read end of their own pipe (syscall.Pipe: blocking descriptors, not the netpoller as os.Pipe
// would be). A writer wakes each reader every 50-100 ms with one byte. A goroutine blocked in a
// syscall keeps its M; sysmon's retake hands its P to another M (handoffp → startm → newm), so
// threads climb to about n + GOMAXPROCS and nearly all of them sit in read, not idle.
package main

import (
	"flag"
	"sync"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 40, "readers, one pipe each")
	dur := flag.Duration("d", 2*time.Second, "how long the writer runs")
	flag.Parse()
	time.Sleep(100 * time.Millisecond)
	rfd := make([]int, *n)
	wfd := make([]int, *n)
	for i := range rfd {
		var p [2]int
		if err := syscall.Pipe(p[:]); err != nil {
			panic(err)
		}
		rfd[i], wfd[i] = p[0], p[1]
	}
	var wg sync.WaitGroup
	for i := range rfd {
		wg.Add(1)
		go func(fd int) {
			defer wg.Done()
			buf := make([]byte, 16)
			for {
				k, err := syscall.Read(fd, buf)
				if err == syscall.EINTR {
					continue
				}
				if err != nil || k == 0 {
					return
				}
			}
		}(rfd[i])
	}
	start := time.Now()
	next := make([]time.Duration, *n)
	x := uint32(2463534242)
	for i := range next {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		next[i] = time.Duration(x%50) * time.Millisecond
	}
	one := []byte{1}
	for time.Since(start) < *dur {
		now := time.Since(start)
		for i := range wfd {
			if now >= next[i] {
				_, _ = syscall.Write(wfd[i], one)
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				next[i] = now + 50*time.Millisecond + time.Duration(x%50)*time.Millisecond
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, fd := range wfd {
		_ = syscall.Close(fd)
	}
	wg.Wait()
}
