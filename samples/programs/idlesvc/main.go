// idlesvc: a service that is mostly idle: an HTTP server answering -rps small requests a second
// from one client, plus a 1 s housekeeping ticker. -d seconds.
package main

import (
	"flag"
	"io"
	"net"
	"net/http"
	"time"
)

func main() {
	rps := flag.Int("rps", 5, "requests a second")
	d := flag.Duration("d", 8*time.Second, "run time")
	flag.Parse()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	}))
	go func() {
		t := time.NewTicker(time.Second)
		for range t.C {
			_ = time.Now().String()
		}
	}()
	url := "http://" + ln.Addr().String() + "/"
	tick := time.NewTicker(time.Second / time.Duration(*rps))
	stop := time.Now().Add(*d)
	for time.Now().Before(stop) {
		<-tick.C
		resp, err := http.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
}
