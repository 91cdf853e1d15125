// cgosleep: goroutines that block in C (usleep through cgo) and then compute, as a cgo driver does.
package main

/*
#include <unistd.h>
static void block_us(int us) { usleep(us); }
*/
import "C"

import (
	"flag"
	"sync"
	"time"
)

func spin(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
	}
}

func main() {
	n := flag.Int("n", 64, "goroutines")
	blockUs := flag.Int("block", 2000, "microseconds blocked in C per call")
	cpu := flag.Duration("cpu", 200*time.Microsecond, "CPU per call")
	d := flag.Duration("d", 2*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				C.block_us(C.int(*blockUs))
				spin(*cpu)
			}
		}()
	}
	wg.Wait()
}
