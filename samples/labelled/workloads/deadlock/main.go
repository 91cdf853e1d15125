// Condition: a crash (and, run twice into one log, a crash loop). A pipeline: a producer feeds
// jobs every 2 ms to 4 workers, which send results to a sink, for -light. Then the producer
// stops without closing the jobs channel (the bug), and main waits for the sink's total: every
// goroutine is blocked on a channel with no timer pending, so checkdead ends the process with
// "fatal error: all goroutines are asleep - deadlock!" (exit 2), printing the scheduler dump first.
package main

import (
	"flag"
	"fmt"
	"time"
)

func main() {
	light := flag.Duration("light", 500*time.Millisecond, "time the pipeline runs before it stalls")
	flag.Parse()
	jobs := make(chan int)
	results := make(chan int)
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			for j := range jobs {
				s := 0
				for k := 0; k < 5000; k++ {
					s += k ^ j
				}
				results <- s
			}
		}()
	}
	go func() {
		total := 0
		for r := range results {
			total += r
		}
		done <- total
	}()
	start := time.Now()
	for i := 0; time.Since(start) < *light; i++ {
		jobs <- i
		time.Sleep(2 * time.Millisecond)
	}
	// The producer is done, but jobs is never closed: the workers wait for more, the sink
	// waits for them, and main waits for the sink.
	fmt.Println("total", <-done)
}
