// lateburst: idle for idleMs (a few SCHED dumps, no GC), then build liveMB of pointer nodes in a
// burst (several cycles), force a GC, and end: mode=return|exit|panic|fatal (log.Fatal).
package main

import (
	"log"
	"os"
	"runtime"
	"strconv"
	"time"
)

type node struct {
	next *node
	pad  [7]uintptr
}

var head *node

func main() {
	idleMs, _ := strconv.Atoi(os.Args[1])
	liveMB, _ := strconv.Atoi(os.Args[2])
	mode := os.Args[3]
	time.Sleep(time.Duration(idleMs) * time.Millisecond)
	for i := 0; i < liveMB<<20/64; i++ {
		head = &node{next: head}
	}
	runtime.GC()
	switch mode {
	case "exit":
		os.Exit(2)
	case "panic":
		panic("burst done")
	case "fatal":
		log.Fatalf("fatal: burst of %d MB done", liveMB)
	}
}
