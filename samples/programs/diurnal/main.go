// diurnal: a service under a load that comes and goes, as an hour of production does in small:
// an HTTP server in the process and clients whose number follows a cycle of -cycle (none, a ramp
// to -peak, a plateau, a ramp down), each request about 0.2 ms of CPU and a 16 KB allocation,
// for -d. With -steady the load stays at -peak clients, each thinking -think between requests, and
// -alloc sets the bytes a request allocates: a healthy service's long log, as a control.
package main

import (
	"flag"
	"io"
	"net"
	"net/http"
	"sync/atomic"
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

var sink atomic.Value

func main() {
	peak := flag.Int("peak", 64, "clients at the top of a cycle")
	cycle := flag.Duration("cycle", 30*time.Second, "length of one cycle of load")
	d := flag.Duration("d", 5*time.Minute, "run time")
	steady := flag.Bool("steady", false, "keep the load at -peak clients")
	think := flag.Duration("think", 0, "a client's pause between requests")
	alloc := flag.Int("alloc", 16<<10, "bytes a request allocates")
	flag.Parse()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		size := *alloc
		if size < 2 {
			size = 2
		}
		buf := make([]byte, size)
		buf[0] = byte(spin(200_000))
		if *alloc > 0 {
			sink.Store(buf)
		}
		w.Write(buf[:2])
	}))
	url := "http://" + ln.Addr().String() + "/"
	var want atomic.Int64
	client := func(id int64) {
		c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
		for {
			if id >= want.Load() {
				time.Sleep(50 * time.Millisecond)
				continue
			}
			resp, err := c.Get(url)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if *think > 0 {
				time.Sleep(*think)
			}
		}
	}
	for i := 0; i < *peak; i++ {
		go client(int64(i))
	}
	start := time.Now()
	for time.Since(start) < *d {
		// A quarter of the cycle idle, a quarter ramping up, a quarter at the peak, a quarter down.
		f := float64(time.Since(start)%*cycle) / float64(*cycle)
		var n float64
		switch {
		case *steady:
			n = 1
		case f < 0.25:
			n = 0
		case f < 0.5:
			n = (f - 0.25) * 4
		case f < 0.75:
			n = 1
		default:
			n = (1 - f) * 4
		}
		want.Store(int64(n * float64(*peak)))
		time.Sleep(100 * time.Millisecond)
	}
}
