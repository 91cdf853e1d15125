// Condition: netpoll injection bursts. A market-data feed over loopback TCP: -subs subscriber
// connections, each with a reader goroutine in the same process blocked in Read (the network
// poller: IO wait). Every -every a tick is published: -shards publisher goroutines, woken together
// by one closed channel, each write one 16-byte frame to its share of the connections within a
// millisecond or two. The poller finds the subscribers' sockets readable together, and netpoll →
// injectglist readies the readers as a wave (from the global queue or a poller's ring), each then
// decoding the frame and spinning -w iterations of CPU work before reading again: far more
// goroutines than Ps leave IO wait between two dumps and wait to run, then all park again well
// before the next tick. -ticks ticks, then exit.
package main

import (
	"encoding/binary"
	"flag"
	"io"
	"net"
	"time"
)

//go:noinline
func spin(n int) uint32 {
	x := uint32(2463534242)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	subs := flag.Int("subs", 400, "subscriber connections, one reader goroutine each")
	shards := flag.Int("shards", 4, "publisher goroutines, each writing to its share of the connections")
	every := flag.Duration("every", 250*time.Millisecond, "time between ticks")
	ticks := flag.Int("ticks", 8, "ticks published")
	work := flag.Int("w", 150000, "spin iterations per frame received")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	accepted := make(chan net.Conn, *subs)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	for i := 0; i < *subs; i++ {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		go func(c net.Conn) {
			frame := make([]byte, 16)
			for {
				if _, err := io.ReadFull(c, frame); err != nil {
					return
				}
				spin(*work + int(binary.LittleEndian.Uint32(frame[8:])%512))
			}
		}(c)
	}
	server := make([]net.Conn, 0, *subs)
	for len(server) < *subs {
		server = append(server, <-accepted)
	}

	per := (*subs + *shards - 1) / *shards
	starts := make([]chan chan struct{}, *shards)
	for s := 0; s < *shards; s++ {
		lo, hi := s*per, (s+1)*per
		if hi > len(server) {
			hi = len(server)
		}
		starts[s] = make(chan chan struct{}, 1)
		go func(conns []net.Conn, in chan chan struct{}) {
			frame := make([]byte, 16)
			seq := uint32(0)
			for tick := range in {
				<-tick
				seq++
				for i, c := range conns {
					binary.LittleEndian.PutUint32(frame, seq)
					binary.LittleEndian.PutUint32(frame[8:], seq*31+uint32(i))
					_, _ = c.Write(frame)
				}
			}
		}(server[lo:hi], starts[s])
	}
	for t := 0; t < *ticks; t++ {
		tick := make(chan struct{})
		for _, in := range starts {
			in <- tick
		}
		time.Sleep(*every)
		close(tick)
	}
	time.Sleep(*every)
}
