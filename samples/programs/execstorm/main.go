// execstorm: workers that shell out in a loop (a CI runner or a service calling a CLI per request).
// Each exec.Command(...).Run() forks a child and blocks in wait4 until it exits: a blocking
// syscall that holds its thread. Phases: storm, quiet, storm, then exit.
package main

import (
	"flag"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	workers := flag.Int("w", 32, "workers running commands")
	storm := flag.Duration("d", 2*time.Second, "length of each storm")
	quiet := flag.Duration("q", 1500*time.Millisecond, "quiet time between storms")
	rounds := flag.Int("r", 2, "storms")
	cmd := flag.String("cmd", "true", "command to run (looked up in PATH)")
	flag.Parse()
	var runs atomic.Int64
	for r := 0; r < *rounds; r++ {
		stop := time.Now().Add(*storm)
		var wg sync.WaitGroup
		for w := 0; w < *workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(stop) {
					if err := exec.Command(*cmd).Run(); err == nil {
						runs.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		if r+1 < *rounds {
			time.Sleep(*quiet)
		}
	}
	println("runs", runs.Load())
}
