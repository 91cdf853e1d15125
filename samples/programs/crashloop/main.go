// crashloop: a worker that loads its config, serves for -d and then panics (a nil map in a config
// reload), as a pod in CrashLoopBackOff does; run it several times into one log.
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

type config struct{ limits map[string]int }

func main() {
	d := flag.Duration("d", 1200*time.Millisecond, "time until the reload fails")
	flag.Parse()
	for i := 0; i < 4; i++ {
		go func() {
			for {
				spin(100000)
				time.Sleep(time.Millisecond)
			}
		}()
	}
	time.Sleep(*d)
	var c config
	c.limits["max"] = 10 // assignment to entry in nil map
}
