// Condition: netpoll injection bursts. A loopback TCP server with -c connections, one handler
// goroutine per connection blocked in Read. Every -every the client writes one byte to every
// connection at once; the network poller readies all handlers together (netpoll → injectglist),
// and each runs about 100 µs of work before reading again.
package main

import (
	"flag"
	"net"
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

func main() {
	c := flag.Int("c", 600, "connections")
	every := flag.Duration("every", 250*time.Millisecond, "time between write waves")
	waves := flag.Int("waves", 6, "write waves")
	work := flag.Int("w", 100000, "work per readiness")
	flag.Parse()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(conn net.Conn) {
				buf := make([]byte, 1)
				for {
					if _, err := conn.Read(buf); err != nil {
						return
					}
					spin(*work)
				}
			}(conn)
		}
	}()
	conns := make([]net.Conn, 0, *c)
	for i := 0; i < *c; i++ {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		conns = append(conns, conn)
	}
	b := []byte{1}
	for w := 0; w < *waves; w++ {
		time.Sleep(*every)
		for _, conn := range conns {
			_, _ = conn.Write(b)
		}
	}
	time.Sleep(*every)
}
