// Control: no condition. A log shipper with back-pressure: -producers goroutines each format a
// record (-w spin iterations of CPU) and send it on a bounded channel of -queue slots; one uploader
// takes a batch of -batch records and "uploads" it (a -upload sleep, as a network round trip
// would). The uploader is the bottleneck by design, so the channel is full nearly all the time and
// most producers are parked in chan send: a steady count, the same producers readied (chanrecv →
// goready, one per record taken) and parked again, never growing. CPU use is a fraction of the
// machine: a batch's worth of records formatted per upload; most Ps idle, nothing queued for long.
package main

import (
	"flag"
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
	producers := flag.Int("producers", 32, "producer goroutines")
	queue := flag.Int("queue", 64, "channel slots")
	batch := flag.Int("batch", 64, "records per upload")
	upload := flag.Duration("upload", 5*time.Millisecond, "time one upload takes")
	work := flag.Int("w", 25000, "spin iterations per record")
	dur := flag.Duration("d", 2500*time.Millisecond, "how long")
	flag.Parse()

	records := make(chan uint32, *queue)
	for i := 0; i < *producers; i++ {
		go func(i int) {
			for j := 0; ; j++ {
				records <- spin(*work + (i*31+j)%256)
			}
		}(i)
	}
	end := time.Now().Add(*dur)
	var sum uint32
	buf := make([]uint32, 0, *batch)
	for time.Now().Before(end) {
		for len(buf) < *batch {
			buf = append(buf, <-records)
		}
		for _, r := range buf {
			sum ^= r
		}
		buf = buf[:0]
		time.Sleep(*upload)
	}
	println("sum", sum)
}
