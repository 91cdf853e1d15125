// A three-stage pipeline over unbuffered channels: one producer, four workers doing about 50 µs of
// CPU per item, one sink, for 3 s.
package main

import "time"

func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 2)
	}
	return s
}

func main() {
	items := make(chan int)
	results := make(chan int)
	deadline := time.Now().Add(3 * time.Second)
	go func() {
		for i := 0; time.Now().Before(deadline); i++ {
			items <- i
		}
		close(items)
	}()
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		go func() {
			for it := range items {
				results <- spin(50_000 + it%7)
			}
			done <- struct{}{}
		}()
	}
	go func() {
		for w := 0; w < 4; w++ {
			<-done
		}
		close(results)
	}()
	total := 0
	for r := range results {
		total += r & 1
	}
	_ = total
}
