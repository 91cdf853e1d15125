// Condition: thread growth. A write-ahead log with -writers goroutines, each appending 4 KB
// records to its own file in a temporary directory and calling fsync after every record for -d.
// fsync blocks in the kernel for a fraction of a millisecond to milliseconds (longer as the writers
// queue on the disk); sysmon retakes the P of a goroutine blocked in a syscall (retake → handoffp)
// so another M runs the others, and with most writers in fsync at once the runtime needs about one
// thread per writer: the thread count climbs from a handful to about -writers and stays there.
package main

import (
	"flag"
	"os"
	"sync"
	"time"
)

func main() {
	writers := flag.Int("writers", 64, "writer goroutines, one file each")
	dur := flag.Duration("d", 2500*time.Millisecond, "run time")
	flag.Parse()

	dir, err := os.MkdirTemp("", "wal")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	record := make([]byte, 4096)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := os.CreateTemp(dir, "seg")
			if err != nil {
				panic(err)
			}
			defer f.Close()
			for time.Now().Before(deadline) {
				if _, err := f.Write(record); err != nil {
					panic(err)
				}
				if err := f.Sync(); err != nil {
					panic(err)
				}
			}
		}()
	}
	wg.Wait()
}
