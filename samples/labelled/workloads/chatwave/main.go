// Condition: an injection burst (scheddetail). A chat server: -conns loopback TCP connections, a
// reader goroutine per connection in IO wait; every -every a broadcaster writes one message to
// every connection's client side at once, so all of them become readable together and the poller
// readies the readers in one netpoll (injectglist): the IO wait count falls by hundreds between two
// dumps. Each reader, woken, updates a shared presence map under one sync.Mutex before going back
// to its read, so the woken readers also queue for that lock during the wave.
package main

import (
	"flag"
	"net"
	"sync"
	"time"
)

func main() {
	conns := flag.Int("conns", 400, "client connections")
	every := flag.Duration("every", 250*time.Millisecond, "time between broadcasts")
	waves := flag.Int("waves", 10, "broadcasts")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	var mu sync.Mutex
	presence := map[int]int{}
	go func() {
		for id := 0; ; id++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(id int, c net.Conn) {
				buf := make([]byte, 64)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
					mu.Lock()
					presence[id]++
					for i := 0; i < 2000; i++ { // a little work under the lock
						presence[-1] += i & 1
					}
					mu.Unlock()
				}
			}(id, c)
		}
	}()
	clients := make([]net.Conn, *conns)
	for i := range clients {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		clients[i] = c
	}
	msg := []byte("hello, room")
	for w := 0; w < *waves; w++ {
		time.Sleep(*every)
		for _, c := range clients {
			_, _ = c.Write(msg)
		}
	}
	time.Sleep(*every)
}
