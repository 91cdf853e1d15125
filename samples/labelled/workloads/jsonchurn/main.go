// Condition: GC pressure. GOMAXPROCS goroutines (one per P, never more, so no run-queue backlog)
// each build a fresh order document of maps and slices, encode it with encoding/json and decode
// it back into interface{} values, in a loop for -d. Only the last few decoded documents of each
// goroutine stay reachable: the live heap stays at a few MB while the allocation rate is high,
// so the collector runs many cycles a second (run with gctrace=1).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"
)

func order(seq, items int) map[string]interface{} {
	lines := make([]interface{}, 0, items)
	for i := 0; i < items; i++ {
		lines = append(lines, map[string]interface{}{
			"sku":   "SKU-" + strconv.Itoa(seq*31+i),
			"qty":   i%7 + 1,
			"price": float64(i*13%997) / 10,
			"tags":  []string{"a" + strconv.Itoa(i%5), "b" + strconv.Itoa(i%3)},
		})
	}
	return map[string]interface{}{
		"id":       seq,
		"customer": map[string]interface{}{"name": "c" + strconv.Itoa(seq%1000), "tier": seq % 4},
		"lines":    lines,
		"note":     "order " + strconv.Itoa(seq),
	}
}

func main() {
	dur := flag.Duration("d", 3*time.Second, "duration")
	items := flag.Int("items", 40, "lines per document")
	flag.Parse()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for g := 0; g < runtime.GOMAXPROCS(0); g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var keep [4]interface{}
			n := 0
			for ; time.Now().Before(deadline); n++ {
				b, err := json.Marshal(order(g*1000000+n, *items))
				if err != nil {
					panic(err)
				}
				var v interface{}
				if err := json.Unmarshal(b, &v); err != nil {
					panic(err)
				}
				keep[n%len(keep)] = v
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}(g)
	}
	wg.Wait()
	fmt.Println("documents", total)
}
