// Condition: none (a pile-up that drains), or a goroutine leak with -hang. Callers of a backend: a
// request every -every starts a caller that sends its query and waits in select for the answer or a
// shutdown signal (two cases: waitReasonSelect). The backend answers each query after its latency
// (a timer, no goroutine of its own): -fast normally, -slow for queries made between -slowAt and
// -slowAt + -slowFor, so during the slowdown the callers pile up in select, and once the slow answers
// come back (each readies its caller: chansend → goready) the pile drains. With -hang the backend
// stops answering at -slowAt and the callers, who have no deadline, stay in select for good: a leak.
package main

import (
	"flag"
	"time"
)

func main() {
	every := flag.Duration("every", 2*time.Millisecond, "time between requests")
	fast := flag.Duration("fast", 5*time.Millisecond, "the backend's normal latency")
	slow := flag.Duration("slow", 2*time.Second, "its latency during the slowdown")
	slowAt := flag.Duration("slowAt", time.Second, "when the slowdown starts")
	slowFor := flag.Duration("slowFor", 2*time.Second, "how long it lasts")
	hang := flag.Bool("hang", false, "the backend stops answering at -slowAt")
	d := flag.Duration("d", 6*time.Second, "how long to run")
	flag.Parse()

	quit := make(chan struct{})
	start := time.Now()
	tick := time.NewTicker(*every)
	defer tick.Stop()
	end := time.After(*d)
	for {
		select {
		case now := <-tick.C:
			since := now.Sub(start)
			reply := make(chan int, 1)
			switch {
			case *hang && since >= *slowAt:
				// Nobody will answer.
			case since >= *slowAt && since < *slowAt+*slowFor:
				time.AfterFunc(*slow, func() { reply <- 1 })
			default:
				time.AfterFunc(*fast, func() { reply <- 1 })
			}
			go func() {
				select {
				case <-reply:
				case <-quit:
				}
			}()
		case <-end:
			return
		}
	}
}
