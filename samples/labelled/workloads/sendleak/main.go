// Condition: a goroutine leak in chan send (scheddetail). A scatter-gather handler: each request
// (one every -every) asks -shards backends at once, each in its own goroutine that sends its answer
// on an unbuffered channel, and takes the first answer only; the others block forever in chan send,
// since nobody receives again. The count parked in "chan send" grows by (shards − 1)/every a second
// for -d, never falling.
package main

import (
	"flag"
	"time"
)

//go:noinline
func lookup(shard, n int) uint32 {
	x := uint32(shard)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	every := flag.Duration("every", 20*time.Millisecond, "time between requests")
	shards := flag.Int("shards", 4, "backends asked per request")
	dur := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()

	var sink uint32
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		answers := make(chan uint32) // unbuffered: every answer after the first blocks for good
		for s := 0; s < *shards; s++ {
			go func(s int) { answers <- lookup(s, 2000) }(s)
		}
		sink ^= <-answers
		time.Sleep(*every)
	}
	if sink == 42 {
		println(sink)
	}
}
