// Crash: starts goroutines in several states (running CPU-bound, blocked on a
// channel, sleeping, waiting on a mutex), then panics after -after. With
// GODEBUG=schedtrace=N the runtime prints a *detailed* scheduler dump
// (SCHED line with gcwaiting/stopwait, then P, M and G lines) when it dies,
// even without scheddetail=1, followed by the panic message and tracebacks.
package main

import (
	"flag"
	"sync"
	"time"
)

func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	after := flag.Duration("after", 300*time.Millisecond, "time before the panic")
	cpu := flag.Int("cpu", 4, "CPU-bound goroutines")
	blocked := flag.Int("blocked", 8, "goroutines blocked on a channel receive")
	sleepers := flag.Int("sleepers", 4, "goroutines in time.Sleep")
	inG := flag.Bool("in-goroutine", false, "panic in a new goroutine instead of main")
	flag.Parse()

	never := make(chan int)
	var mu sync.Mutex
	mu.Lock() // held forever: the waiters below block in sync.Mutex.Lock
	var sink int
	for i := 0; i < *cpu; i++ {
		go func() {
			for {
				sink += spin(1000000)
				// A non-leaf call: a preemption point, so that before Go 1.14
				// (no async preemption) main still gets to run and panic.
				_ = time.Now()
			}
		}()
	}
	for i := 0; i < *blocked; i++ {
		go func() { <-never }()
	}
	for i := 0; i < *sleepers; i++ {
		go func() {
			for {
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	for i := 0; i < 2; i++ {
		go func() { mu.Lock() }()
	}
	time.Sleep(*after)
	if *inG {
		done := make(chan bool)
		go func() {
			panic("crash: deliberate panic in a goroutine")
		}()
		<-done
	}
	panic("crash: deliberate panic after the scheduler trace started")
}
