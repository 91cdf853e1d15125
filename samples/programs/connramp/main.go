// connramp: a TCP server on loopback whose clients connect gradually and then stay idle: the
// server holds one goroutine per open connection, each waiting in a read.
package main

import (
	"flag"
	"net"
	"time"
)

func main() {
	step := flag.Int("step", 100, "connections opened every 100 ms")
	total := flag.Int("n", 2000, "connections in all")
	hold := flag.Duration("hold", time.Second, "time to hold them once all are open")
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
				buf := make([]byte, 64)
				for {
					if _, err := c.Read(buf); err != nil {
						c.Close()
						return
					}
				}
			}(c)
		}
	}()
	var conns []net.Conn
	for len(conns) < *total {
		for i := 0; i < *step && len(conns) < *total; i++ {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				panic(err)
			}
			conns = append(conns, c)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(*hold)
	for _, c := range conns {
		c.Close()
	}
	time.Sleep(200 * time.Millisecond)
}
