// Control: no condition. A sharded in-memory cache service: -shards shards, each a map behind its
// own sync.Mutex, about -keys keys in all with 256-byte values; -clients client goroutines each do
// a lookup (a miss stores a fresh value) and a little CPU work, then sleep -think with jitter, as
// requests arriving from outside would. Critical sections last well under a microsecond and the
// keys spread over the shards, so a lock is almost never waited for; the clients' demand is a
// fraction of one CPU, so at any P count most Ps are idle and nothing is queued; the live heap is
// a few MB with a modest allocation rate: a GC cycle every second or so (gctrace), cheap.
package main

import (
	"flag"
	"math/rand"
	"strconv"
	"sync"
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

type shard struct {
	mu sync.Mutex
	m  map[string][]byte
}

func main() {
	shards := flag.Int("shards", 64, "cache shards, one mutex each")
	keys := flag.Int("keys", 20000, "distinct keys")
	clients := flag.Int("clients", 64, "client goroutines")
	think := flag.Duration("think", 2*time.Millisecond, "mean pause between a client's requests")
	work := flag.Int("w", 5000, "spin iterations per request")
	dur := flag.Duration("d", 2500*time.Millisecond, "how long")
	flag.Parse()

	cache := make([]*shard, *shards)
	for i := range cache {
		cache[i] = &shard{m: make(map[string][]byte)}
	}
	for k := 0; k < *keys; k++ {
		key := strconv.Itoa(k)
		s := cache[k%*shards]
		s.m[key] = make([]byte, 256)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			r := rand.New(rand.NewSource(seed))
			for {
				select {
				case <-done:
					return
				default:
				}
				k := r.Intn(*keys * 2)
				s := cache[k%*shards]
				key := strconv.Itoa(k)
				s.mu.Lock()
				v, ok := s.m[key]
				if !ok {
					v = make([]byte, 256)
					if len(s.m) >= 2**keys / *shards {
						for old := range s.m {
							delete(s.m, old)
							break
						}
					}
					s.m[key] = v
				}
				s.mu.Unlock()
				v[0] ^= byte(spin(*work))
				time.Sleep(*think/2 + time.Duration(r.Int63n(int64(*think))))
			}
		}(int64(c))
	}
	time.Sleep(*dur)
	close(done)
	wg.Wait()
}
