// Condition: saturation, with GC beside it (gctrace). An API gateway's transcoding tier: -workers
// goroutines each decode a JSON order (about 2 KB) and encode it again in a loop for -d, never
// blocking, allocating as they go. With four workers per P every P is busy and about
// workers − GOMAXPROCS goroutines wait on the run queues at every dump; the live heap is small, so
// the allocation starts GC cycles many times a second, their mark workers taking a share of the Ps
// from the backlog.
package main

import (
	"encoding/json"
	"flag"
	"sync"
	"time"
)

type item struct {
	SKU      string  `json:"sku"`
	Quantity int     `json:"quantity"`
	Price    float64 `json:"price"`
}

type order struct {
	ID       string            `json:"id"`
	Customer string            `json:"customer"`
	Items    []item            `json:"items"`
	Tags     map[string]string `json:"tags"`
}

func main() {
	workers := flag.Int("workers", 192, "transcoding goroutines")
	dur := flag.Duration("d", 6*time.Second, "run time")
	flag.Parse()

	o := order{ID: "ord-1", Customer: "cust-42", Tags: map[string]string{"region": "eu", "tier": "gold"}}
	for i := 0; i < 30; i++ {
		o.Items = append(o.Items, item{SKU: "sku-000" + string(rune('a'+i%26)), Quantity: i, Price: float64(i) * 1.25})
	}
	blob, err := json.Marshal(o)
	if err != nil {
		panic(err)
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				var in order
				if err := json.Unmarshal(blob, &in); err != nil {
					panic(err)
				}
				if _, err := json.Marshal(in); err != nil {
					panic(err)
				}
			}
		}()
	}
	wg.Wait()
}
