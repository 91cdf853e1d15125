// Control: no finding (scheddetail). A connection manager holding -conns loopback TCP connections
// open for -d, each with a reader goroutine on both ends parked in IO wait (netpollblock) nearly
// all the time: 2 × conns goroutines in IO wait at every dump, all parked within the first tens
// of milliseconds. One heartbeat goroutine writes a byte to one connection per tick of -every (the
// connections in turn); the server side echoes it and the client side reads it back, so each
// tick wakes two goroutines, never a wave, and the parked count holds. The process exits without
// closing the connections (no wave of wake-ups at shutdown).
package main

import (
	"flag"
	"fmt"
	"net"
	"sync/atomic"
	"time"
)

func main() {
	conns := flag.Int("conns", 300, "connections")
	every := flag.Duration("every", time.Millisecond, "time between heartbeats (one connection each)")
	dur := flag.Duration("d", 2*time.Second, "duration")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				b := make([]byte, 1)
				for {
					if _, err := c.Read(b); err != nil {
						return
					}
					if _, err := c.Write(b); err != nil {
						return
					}
				}
			}(c)
		}
	}()
	var echoes int64
	cs := make([]net.Conn, *conns)
	for i := range cs {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		cs[i] = c
		go func(c net.Conn) {
			b := make([]byte, 1)
			for {
				if _, err := c.Read(b); err != nil {
					return
				}
				atomic.AddInt64(&echoes, 1)
			}
		}(c)
	}
	t := time.NewTicker(*every)
	defer t.Stop()
	deadline := time.Now().Add(*dur)
	beat := []byte{1}
	for i := 0; time.Now().Before(deadline); i++ {
		<-t.C
		if _, err := cs[i%len(cs)].Write(beat); err != nil {
			panic(err)
		}
	}
	fmt.Println("echoes", atomic.LoadInt64(&echoes))
}
