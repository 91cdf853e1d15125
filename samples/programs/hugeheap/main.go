// ~1.5 GB of pointer-dense heap, then allocation churn to trigger GCs.
package main

import (
	"os"
	"strconv"
	"time"
)

type node struct {
	a, b, c *node
	v       int
}

var roots [][]*node
var sink []byte

func main() {
	n := 30_000_000 // 32B nodes + 8B slots ≈ 1.2 GB
	if s := os.Getenv("N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	const chunk = 1 << 16
	var prev *node
	for i := 0; i < n; i += chunk {
		sl := make([]*node, chunk)
		for j := range sl {
			x := &node{a: prev, v: j}
			sl[j] = x
			prev = x
		}
		roots = append(roots, sl)
	}
	stop := time.Now().Add(1500 * time.Millisecond)
	for time.Now().Before(stop) {
		sink = make([]byte, 1<<20)
	}
	println(len(roots))
}
