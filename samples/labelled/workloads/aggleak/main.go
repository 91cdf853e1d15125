// Condition: a goroutine leak in chan send. Every -every a request fans its work out to -fan
// goroutines that each send a result on an unbuffered channel; the request returns on the first
// result (as if it were an error), so the other senders block forever.
package main

import (
	"flag"
	"time"
)

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func request(fan, work int) int {
	ch := make(chan int)
	for i := 0; i < fan; i++ {
		go func(i int) { ch <- spin(work + i) }(i)
	}
	return <-ch
}

func main() {
	fan := flag.Int("fan", 8, "goroutines per request")
	every := flag.Duration("every", 5*time.Millisecond, "time between requests")
	work := flag.Int("w", 20000, "work per goroutine")
	d := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		request(*fan, *work)
		time.Sleep(*every)
	}
}
