// One P's ring long while every P is busy: GOMAXPROCS-1 goroutines spin on CPU for the whole run,
// and one hub hands out rounds of -workers goroutines that each hold a P for -work of wall time.
//
//	-mode wake:   persistent workers parked on a channel; the hub closes it, so every worker is
//	              readied from the hub's P (closechan → goready → runqput on that P).
//	-mode spawn:  the hub starts -workers new goroutines per round (newproc → runqput on its P).
//	-mode spread: the control: no hub; each worker sleeps a random 0-2×-nap between its turns, so
//	              its timer readies it wherever it last ran.
//
// With no P idle nothing steals from the hub's P while the others' own preempted goroutines keep
// the global queue fed, so its ring is worked off by its own P, one worker per time slice.
//
// Started all at once, on fewer CPUs than Ps, the spinners wait seconds for their Ps (each new M
// waits for a core): -ramp starts them one at a time instead, and -settle waits before the rounds.
package main

import (
	"flag"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

var sink atomic.Uint64

func spin(stop *atomic.Bool) {
	x := uint64(1)
	for !stop.Load() {
		for i := 0; i < 1000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	sink.Add(x)
}

func hold(d time.Duration) {
	x := uint64(7)
	for t0 := time.Now(); time.Since(t0) < d; {
		for i := 0; i < 100; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	sink.Add(x)
}

type round struct {
	start chan struct{}
	next  *round
}

func main() {
	mode := flag.String("mode", "wake", "wake, spawn or spread")
	workers := flag.Int("workers", 110, "goroutines per round")
	work := flag.Duration("work", 10*time.Millisecond, "wall time each worker holds its P per turn")
	nap := flag.Duration("nap", 500*time.Millisecond, "spread: mean sleep between a worker's turns")
	dur := flag.Duration("d", 4*time.Second, "run time")
	ramp := flag.Duration("ramp", 0, "time between two spinners' starts (0: all at once)")
	settle := flag.Duration("settle", 100*time.Millisecond, "wait after the last spinner started, before the rounds")
	flag.Parse()

	var stop atomic.Bool
	for i := 1; i < runtime.GOMAXPROCS(0); i++ {
		go spin(&stop)
		if *ramp > 0 {
			time.Sleep(*ramp)
		}
	}
	time.Sleep(*settle)
	deadline := time.Now().Add(*dur)

	switch *mode {
	case "wake":
		var wg sync.WaitGroup
		r := &round{start: make(chan struct{})}
		for i := 0; i < *workers; i++ {
			go func(r *round) {
				for {
					<-r.start
					hold(*work)
					next := r.next
					wg.Done()
					r = next
				}
			}(r)
		}
		time.Sleep(50 * time.Millisecond)
		for time.Now().Before(deadline) {
			wg.Add(*workers)
			r.next = &round{start: make(chan struct{})}
			close(r.start)
			wg.Wait()
			r = r.next
		}
	case "spawn":
		for time.Now().Before(deadline) {
			var wg sync.WaitGroup
			wg.Add(*workers)
			for i := 0; i < *workers; i++ {
				go func() {
					hold(*work)
					wg.Done()
				}()
			}
			wg.Wait()
		}
	case "spread":
		for i := 0; i < *workers; i++ {
			go func(seed int64) {
				rng := rand.New(rand.NewSource(seed))
				for {
					time.Sleep(time.Duration(rng.Int63n(int64(2 * *nap))))
					hold(*work)
				}
			}(int64(i))
		}
		time.Sleep(time.Until(deadline))
	}
	stop.Store(true)
}
