// 64 goroutines each writing 4 KiB and calling fsync on its own temp file, for 2 s.
package main

import (
	"os"
	"sync"
	"time"
)

func main() {
	dir, _ := os.MkdirTemp("", "fileio")
	defer os.RemoveAll(dir)
	buf := make([]byte, 4096)
	deadline := time.Now().Add(2 * time.Second)
	var wg sync.WaitGroup
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			f, err := os.CreateTemp(dir, "f")
			if err != nil {
				panic(err)
			}
			defer f.Close()
			for time.Now().Before(deadline) {
				f.Write(buf)
				f.Sync()
			}
		}(g)
	}
	wg.Wait()
}
