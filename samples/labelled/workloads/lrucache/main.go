// Condition: GC pressure. A response cache run with a low GOGC (debug.SetGCPercent(-gogc), as a
// service squeezed under a memory budget sets it): -g goroutines each own an LRU cache (a map and
// a container/list) of -entries entries holding 512-byte values, and replace entries in a tight
// loop (a miss evicts the oldest and allocates a new value, list element and key). The live heap
// stays at tens of MB while the allocation rate runs at hundreds of MB a second; with GOGC=10 the
// heap goal is only 10% above the live heap, so a cycle starts after every few MB allocated and
// must mark the whole cache each time: dozens of GC cycles a second (gctrace), each a large share
// of the CPU, for -d. The goroutines are fewer than the Ps: no run-queue backlog.
package main

import (
	"container/list"
	"flag"
	"runtime/debug"
	"strconv"
	"time"
)

type entry struct {
	key string
	val []byte
}

type lru struct {
	max   int
	ll    *list.List
	items map[string]*list.Element
}

func (c *lru) get(k string) []byte {
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*entry).val
	}
	return nil
}

func (c *lru) put(k string, v []byte) {
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		e.Value.(*entry).val = v
		return
	}
	c.items[k] = c.ll.PushFront(&entry{k, v})
	if c.ll.Len() > c.max {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*entry).key)
	}
}

func main() {
	g := flag.Int("g", 2, "cache goroutines, each with its own cache")
	entries := flag.Int("entries", 20000, "entries per cache")
	gogc := flag.Int("gogc", 10, "GC percent set at start")
	dur := flag.Duration("d", 2500*time.Millisecond, "how long")
	flag.Parse()
	debug.SetGCPercent(*gogc)

	done := make(chan struct{})
	fin := make(chan uint64)
	for w := 0; w < *g; w++ {
		go func(w int) {
			c := &lru{max: *entries, ll: list.New(), items: make(map[string]*list.Element)}
			x := uint32(2463534242 + w)
			var sum uint64
			for {
				select {
				case <-done:
					fin <- sum
					return
				default:
				}
				for i := 0; i < 256; i++ {
					x ^= x << 13
					x ^= x >> 17
					x ^= x << 5
					k := strconv.Itoa(int(x % uint32(*entries*3)))
					if v := c.get(k); v != nil {
						sum += uint64(v[0])
						continue
					}
					v := make([]byte, 512)
					v[0] = byte(x)
					c.put(k, v)
				}
			}
		}(w)
	}
	time.Sleep(*dur)
	close(done)
	var total uint64
	for w := 0; w < *g; w++ {
		total += <-fin
	}
	println("sum", total)
}
