// Condition: GOMAXPROCS changes. A small service: a ticker feeds requests every millisecond to 8
// handlers (about 20 µs of work each), while a config loop "reloads" its JSON config every
// -every and applies its procs setting with runtime.GOMAXPROCS, the values taken from -seq in
// turn. Each call stops the world and procresize changes the number of Ps; the load stays light.
package main

import (
	"encoding/json"
	"flag"
	"runtime"
	"strings"
	"sync"
	"time"
)

type config struct {
	Name  string `json:"name"`
	Procs int    `json:"procs"`
}

func work(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}

func main() {
	every := flag.Duration("every", 400*time.Millisecond, "time between reloads")
	seq := flag.String("seq", "3,1,5,2", "procs values the reloads apply, in order")
	flag.Parse()
	reqs := make(chan int, 64)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range reqs {
				work(20 * time.Microsecond)
			}
		}()
	}
	stop := make(chan struct{})
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-t.C:
				select {
				case reqs <- i:
				default:
				}
			case <-stop:
				return
			}
		}
	}()
	for _, v := range strings.Split(*seq, ",") {
		time.Sleep(*every)
		var c config
		if err := json.Unmarshal([]byte(`{"name":"svc","procs":`+strings.TrimSpace(v)+`}`), &c); err != nil {
			panic(err)
		}
		if c.Procs > 0 {
			runtime.GOMAXPROCS(c.Procs)
		}
	}
	time.Sleep(*every)
	close(stop)
	<-fed
	close(reqs)
	wg.Wait()
}
