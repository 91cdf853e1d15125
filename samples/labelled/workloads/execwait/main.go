// Condition: thread growth, or none (the control, -workers 2). A build runner shelling out:
// -workers goroutines each start a child process (this program again, which sleeps -child and
// exits) and wait for it, in a loop, for -d. Waiting for a child blocks the goroutine's thread in
// the wait system call (os.(*Process).Wait → waitid, or wait4 before pidfds), and starting one
// blocks the starting thread until the child has exec'd (clone with CLONE_VFORK): both enter the
// kernel through entersyscall, and sysmon's retake hands the P to another thread, so the process
// keeps about -workers threads in system calls beside the Ps. The child's environment has no
// GODEBUG, so it prints no trace of its own.
package main

import (
	"flag"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

const childEnv = "EXECWAIT_CHILD"

func main() {
	if v := os.Getenv(childEnv); v != "" {
		pause, err := time.ParseDuration(v)
		if err == nil {
			time.Sleep(pause)
		}
		return
	}
	workers := flag.Int("workers", 24, "goroutines each running one child at a time")
	child := flag.Duration("child", 200*time.Millisecond, "how long each child lives")
	d := flag.Duration("d", 4*time.Second, "how long to run")
	flag.Parse()

	self, err := os.Executable()
	if err != nil {
		panic(err)
	}
	env := []string{childEnv + "=" + child.String()}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GODEBUG=") && !strings.HasPrefix(kv, childEnv+"=") {
			env = append(env, kv)
		}
	}
	end := time.Now().Add(*d)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				cmd := exec.Command(self)
				cmd.Env = env
				if err := cmd.Run(); err != nil {
					panic(err)
				}
			}
		}()
	}
	wg.Wait()
}
