// A mostly idle service: 500 goroutines wait on channels that are never written, and one ticker
// wakes every 100 ms to do a little work, for 4 s.
package main

import "time"

func main() {
	never := make(chan int)
	for i := 0; i < 500; i++ {
		go func() { <-never }()
	}
	t := time.NewTicker(100 * time.Millisecond)
	deadline := time.Now().Add(4 * time.Second)
	n := 0
	for now := range t.C {
		n++
		if now.After(deadline) {
			break
		}
	}
	_ = n
}
