package main

import (
	"fmt"
	"math/rand"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	dur, _ := time.ParseDuration(os.Getenv("DUR"))
	if dur == 0 {
		dur = 3 * time.Second
	}
	deadline := time.Now().Add(dur)
	var ticks int64
	var wg sync.WaitGroup
	for i := 0; i < 5000; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(i)))
			for time.Now().Before(deadline) {
				switch r.Intn(3) {
				case 0:
					time.Sleep(time.Duration(r.Intn(2000)) * time.Microsecond)
				case 1:
					t := time.NewTimer(time.Duration(r.Intn(5000)) * time.Microsecond)
					select {
					case <-t.C:
					case <-time.After(time.Duration(r.Intn(5000)) * time.Microsecond):
						t.Stop()
					}
				case 2:
					tk := time.NewTicker(500 * time.Microsecond)
					for k := 0; k < 3; k++ {
						<-tk.C
					}
					tk.Stop()
				}
				atomic.AddInt64(&ticks, 1)
			}
		}(i)
	}
	wg.Wait()
	fmt.Println("wakeups", ticks)
}
