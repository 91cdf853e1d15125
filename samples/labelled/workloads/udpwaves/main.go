// Condition: netpoll injection bursts. -n UDP sockets on 127.0.0.1, each with its own handler
// goroutine blocked in Read (netpoller: IO wait). Every -every a sender writes one datagram to
// every socket at once, -waves times; the poller finds them all readable together and
// injectglist readies the handlers as a wave, each running about -w of CPU before reading again.
package main

import (
	"flag"
	"net"
	"time"
)

func work(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}

func main() {
	n := flag.Int("n", 300, "sockets, one handler each")
	every := flag.Duration("every", 250*time.Millisecond, "time between waves")
	waves := flag.Int("waves", 6, "waves")
	w := flag.Duration("w", 100*time.Microsecond, "CPU per datagram")
	flag.Parse()
	addrs := make([]*net.UDPAddr, 0, *n)
	for i := 0; i < *n; i++ {
		c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			panic(err)
		}
		addrs = append(addrs, c.LocalAddr().(*net.UDPAddr))
		go func(c *net.UDPConn) {
			buf := make([]byte, 512)
			for {
				if _, err := c.Read(buf); err != nil {
					return
				}
				work(*w)
			}
		}(c)
	}
	out, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		panic(err)
	}
	msg := []byte("tick")
	for v := 0; v < *waves; v++ {
		time.Sleep(*every)
		for _, a := range addrs {
			_, _ = out.WriteToUDP(msg, a)
		}
	}
	time.Sleep(*every)
}
