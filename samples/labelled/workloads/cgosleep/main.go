// Condition: thread growth from cgo calls. -n goroutines each call a C function that sleeps 20 ms
// (usleep) in a loop from 200 ms on, for -d. A cgo call leaves its P as a syscall does
// (cgocall → entersyscall); sysmon retakes the P (retake → handoffp) and startm gives it another
// M, so threads stay near n + GOMAXPROCS, nearly all of them busy in C, not idle.
package main

/*
#include <unistd.h>
static void nap(void) { usleep(20000); }
*/
import "C"

import (
	"flag"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 48, "goroutines in cgo calls")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()
	time.Sleep(200 * time.Millisecond)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				C.nap()
			}
		}()
	}
	wg.Wait()
}
