// Condition: saturation. An RPC-like service over loopback TCP: a server goroutine per connection
// reads a fixed 16-byte request frame, spins -w iterations of CPU work (about 1 ms at the default,
// no allocation) and writes an 8-byte reply; -clients client goroutines in the same process, each on
// its own connection, send the next request as soon as the reply arrives (a closed loop, no think
// time). With many more clients than Ps nearly every request in flight is a server goroutine that
// is running or runnable (the reads and writes take microseconds, the work a millisecond), so every
// P is busy and about clients − GOMAXPROCS goroutines wait on the run queues for -d. With every P
// busy no P reaches findRunnable's netpoll: sysmon's poll readies the connections that became
// readable in the last 10 ms onto the global queue, part of the same backlog.
package main

import (
	"encoding/binary"
	"flag"
	"io"
	"net"
	"sync"
	"sync/atomic"
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

func serve(c net.Conn, work int) {
	defer c.Close()
	req := make([]byte, 16)
	rep := make([]byte, 8)
	for {
		if _, err := io.ReadFull(c, req); err != nil {
			return
		}
		n := work + int(binary.LittleEndian.Uint32(req[8:12])%1024)
		binary.LittleEndian.PutUint32(rep, spin(n))
		binary.LittleEndian.PutUint32(rep[4:], binary.LittleEndian.Uint32(req[:4]))
		if _, err := c.Write(rep); err != nil {
			return
		}
	}
}

func main() {
	clients := flag.Int("clients", 64, "closed-loop client connections")
	work := flag.Int("w", 500000, "spin iterations per request")
	dur := flag.Duration("d", 2500*time.Millisecond, "how long the clients send requests")
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
			go serve(c, *work)
		}
	}()

	var done int64
	var calls int64
	var wg sync.WaitGroup
	for i := 0; i < *clients; i++ {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		wg.Add(1)
		go func(c net.Conn, id uint32) {
			defer wg.Done()
			defer c.Close()
			req := make([]byte, 16)
			rep := make([]byte, 8)
			for seq := uint32(0); atomic.LoadInt64(&done) == 0; seq++ {
				binary.LittleEndian.PutUint32(req, seq)
				binary.LittleEndian.PutUint32(req[8:], id*7919+seq)
				if _, err := c.Write(req); err != nil {
					return
				}
				if _, err := io.ReadFull(c, rep); err != nil {
					return
				}
				atomic.AddInt64(&calls, 1)
			}
		}(c, uint32(i))
	}
	time.Sleep(*dur)
	atomic.StoreInt64(&done, 1)
	wg.Wait()
	ln.Close()
	println("calls", atomic.LoadInt64(&calls))
}
