// Condition: a goroutine leak in sleep (scheddetail). A multi-tenant service reloads its tenant
// list every -reload; each reload starts a background sync goroutine per tenant (a time.Sleep loop
// of -every) and is meant to stop the previous generation, but the stop flag it sets is a new one,
// so the old syncers never see it: every reload adds -tenants goroutines that loop in sleep for as
// long as the process runs.
package main

import (
	"flag"
	"sync/atomic"
	"time"
)

//go:noinline
func syncTenant(t, n int) uint32 {
	x := uint32(t)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return x
}

func main() {
	tenants := flag.Int("tenants", 20, "tenants per generation")
	reload := flag.Duration("reload", 100*time.Millisecond, "time between tenant-list reloads")
	every := flag.Duration("every", 50*time.Millisecond, "sync period of each tenant")
	dur := flag.Duration("d", 3*time.Second, "run time")
	flag.Parse()

	var synced atomic.Int64
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		stop := new(atomic.Bool) // the bug: a fresh flag per generation; the old generation's is never set
		for t := 0; t < *tenants; t++ {
			go func(t int, stop *atomic.Bool) {
				for !stop.Load() {
					time.Sleep(*every)
					if syncTenant(t, 500) != 1 {
						synced.Add(1)
					}
				}
			}(t, stop)
		}
		time.Sleep(*reload)
	}
	if synced.Load() < 0 {
		println(synced.Load())
	}
}
