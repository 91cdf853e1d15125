// Condition: saturation. A request router: a producer fills a buffered channel of requests faster
// than it drains, and -workers worker goroutines each take the next request and match its path
// against -routes compiled regular expressions (tens of µs of CPU per request, some allocation).
// The channel never runs dry, so no worker ever blocks: all -workers goroutines are running or
// runnable for -d, every P is busy and about workers − GOMAXPROCS wait on the run queues, rotated by
// sysmon's forced preemption every 10 ms.
package main

import (
	"flag"
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	workers := flag.Int("workers", 48, "worker goroutines")
	routes := flag.Int("routes", 40, "routes (regular expressions) tried per request")
	dur := flag.Duration("d", 2500*time.Millisecond, "run time")
	flag.Parse()

	var res []*regexp.Regexp
	for i := 0; i < *routes; i++ {
		res = append(res, regexp.MustCompile(fmt.Sprintf(`^/api/v%d/(users|orders|items)/([0-9]+)/(detail|history)$`, i)))
	}
	reqs := make(chan string, 1024)
	var done atomic.Bool
	go func() {
		for n := 0; !done.Load(); n++ {
			reqs <- fmt.Sprintf("/api/v%d/orders/%d/history", n%(*routes+5), n)
		}
		close(reqs)
	}()
	var matched atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range reqs {
				for _, re := range res {
					if re.MatchString(path) {
						matched.Add(1)
						break
					}
				}
			}
		}()
	}
	time.Sleep(*dur)
	done.Store(true)
	wg.Wait()
	if matched.Load() < 0 {
		println(matched.Load())
	}
}
