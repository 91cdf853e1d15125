// fsyncer: -g goroutines each writing 4 KB to its own file and calling fsync, in a loop: every
// goroutine spends most of its time in a blocking system call. -d seconds.
package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

func main() {
	g := flag.Int("g", 32, "goroutines")
	d := flag.Duration("d", 5*time.Second, "run time")
	flag.Parse()
	dir, err := os.MkdirTemp("", "fsyncer")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	stop := time.Now().Add(*d)
	buf := make([]byte, 4096)
	var wg sync.WaitGroup
	for i := 0; i < *g; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f, err := os.Create(filepath.Join(dir, strconv.Itoa(i)))
			if err != nil {
				panic(err)
			}
			defer f.Close()
			for time.Now().Before(stop) {
				f.Write(buf)
				f.Sync()
			}
		}(i)
	}
	wg.Wait()
}
