// Condition: a crash, "fatal error: stack overflow". A config service: -n resolver goroutines each
// resolve a config tree every -every (a recursive walk that follows includes, a few dozen frames
// deep, a little CPU), then sleep: a light load, most Ps idle. The stack limit is lowered to
// -maxstack bytes with debug.SetMaxStack, as a service guarding against runaway recursion does.
// After -after a config that includes itself is loaded; the next resolve recurses without end,
// newstack finds the stack would pass the limit within a millisecond and throws "stack overflow":
// a fatal error, which recover cannot catch; with schedtrace set the runtime prints a detailed
// scheduler dump on its way down (startpanic_m) and exits with status 2. If it has not crashed by
// -d it exits 0.
package main

import (
	"flag"
	"runtime/debug"
	"sync/atomic"
	"time"
)

type node struct {
	name     string
	includes []*node
	weight   int
}

//go:noinline
func resolve(n *node, depth int) int {
	var pad [64]byte // a frame of some size, as a real parser's is
	pad[depth%64] = byte(n.weight)
	s := n.weight + int(pad[depth%64])
	for _, c := range n.includes {
		s += resolve(c, depth+1)
	}
	return s
}

func tree(depth, fan int) *node {
	n := &node{name: "cfg", weight: depth}
	if depth == 0 {
		return n
	}
	for i := 0; i < fan; i++ {
		n.includes = append(n.includes, tree(depth-1, fan))
	}
	return n
}

func main() {
	n := flag.Int("n", 8, "resolver goroutines")
	every := flag.Duration("every", 2*time.Millisecond, "pause between resolves")
	after := flag.Duration("after", 600*time.Millisecond, "when the self-including config is loaded")
	maxstack := flag.Int("maxstack", 1<<20, "stack limit in bytes (debug.SetMaxStack)")
	dur := flag.Duration("d", 2*time.Second, "how long if it does not crash")
	flag.Parse()
	debug.SetMaxStack(*maxstack)

	var cur atomic.Value
	cur.Store(tree(6, 3))
	var total int64
	for i := 0; i < *n; i++ {
		go func() {
			for {
				atomic.AddInt64(&total, int64(resolve(cur.Load().(*node), 0)))
				time.Sleep(*every)
			}
		}()
	}
	time.Sleep(*after)
	bad := tree(4, 3)
	leaf := bad
	for len(leaf.includes) > 0 {
		leaf = leaf.includes[0]
	}
	leaf.includes = append(leaf.includes, bad) // the include cycle
	cur.Store(bad)
	time.Sleep(*dur - *after)
	println("total", atomic.LoadInt64(&total))
}
