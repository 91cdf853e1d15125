// slowdown: a request handler per goroutine (-rps a second) whose downstream call takes -fast,
// then -slow for the middle third of -d, then -fast again: the number of goroutines waiting
// rises while the downstream is slow and falls when it recovers. Each request does about 50 µs
// of work after its wait. With -net the downstream is a TCP server in the same process that
// answers after the delay, so the callers wait in netpoll ("IO wait"), not in a timer.
package main

import (
	"bufio"
	"flag"
	"net"
	"strconv"
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

// serve answers each connection's one line (a delay in ms) after that delay.
func serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			line, err := bufio.NewReader(c).ReadString('\n')
			if err != nil {
				return
			}
			ms, _ := strconv.Atoi(line[:len(line)-1])
			time.Sleep(time.Duration(ms) * time.Millisecond)
			c.Write([]byte("ok\n"))
		}()
	}
}

func call(addr string, wait time.Duration) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	c.Write([]byte(strconv.Itoa(int(wait/time.Millisecond)) + "\n"))
	bufio.NewReader(c).ReadString('\n')
}

func main() {
	rps := flag.Int("rps", 500, "requests a second")
	fast := flag.Duration("fast", 100*time.Millisecond, "downstream latency when healthy")
	slow := flag.Duration("slow", 2*time.Second, "downstream latency when slow")
	d := flag.Duration("d", 6*time.Second, "run time")
	useNet := flag.Bool("net", false, "call a TCP downstream instead of sleeping")
	flag.Parse()
	addr := ""
	if *useNet {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go serve(ln)
		addr = ln.Addr().String()
	}
	start := time.Now()
	tick := time.NewTicker(time.Second / time.Duration(*rps))
	done := make(chan struct{}, 1024)
	for time.Since(start) < *d {
		<-tick.C
		wait := *fast
		if e := time.Since(start); e > *d/3 && e < 2**d/3 {
			wait = *slow
		}
		go func() {
			if addr != "" {
				call(addr, wait)
			} else {
				time.Sleep(wait)
			}
			spin(50_000)
			select {
			case done <- struct{}{}:
			default:
			}
		}()
		select {
		case <-done:
		default:
		}
	}
	time.Sleep(*slow)
}
