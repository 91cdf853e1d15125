// Control: a fan-in behind one unbuffered channel. -g producers each send results on one channel
// that a single consumer drains, spending -cost per item: the producers spend nearly all their time
// parked in chan send (a constant count, never rising), each receive readies one sender onto the
// consumer's P (chanrecv → goready), and at most a few goroutines are runnable at a time.
package main

import (
	"flag"
	"time"
)

//go:noinline
func spin(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}

func main() {
	g := flag.Int("g", 2000, "producers")
	cost := flag.Duration("cost", 20*time.Microsecond, "consumer CPU per item")
	d := flag.Duration("d", 3*time.Second, "how long to run")
	flag.Parse()

	ch := make(chan int)
	for i := 0; i < *g; i++ {
		go func(i int) {
			for n := 0; ; n++ {
				ch <- i + n
			}
		}(i)
	}
	end := time.Now().Add(*d)
	sum := 0
	for time.Now().Before(end) {
		sum += <-ch
		spin(*cost)
	}
	if sum == 42 {
		println(sum)
	}
}
