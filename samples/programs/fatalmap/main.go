// Goroutines writing one map without a lock: the runtime's fatal error "concurrent map writes".
package main

import "time"

func main() {
	m := map[int]int{}
	for g := 0; g < 8; g++ {
		go func(g int) {
			for i := 0; ; i++ {
				m[i%1000] = g
			}
		}(g)
	}
	time.Sleep(5 * time.Second)
}
