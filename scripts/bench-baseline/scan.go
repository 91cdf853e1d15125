// A small byte scanner, the ceiling the benchmark compares gosched with: it reads the log in 1 MiB
// blocks, counts lines and SCHED lines, and sums every integer printed on a SCHED or P/M/G line.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	var carry []byte
	var lines, sched, sum, runs int64
	line := func(l []byte) {
		lines++
		if bytes.HasPrefix(l, []byte("SCHED ")) {
			sched++
			if bytes.HasPrefix(l, []byte("SCHED 0ms")) {
				runs++
			}
		} else if !bytes.HasPrefix(l, []byte("  ")) {
			return
		}
		v, in := int64(0), false
		for _, c := range l {
			if c >= '0' && c <= '9' {
				v, in = v*10+int64(c-'0'), true
			} else if in {
				sum, v, in = sum+v, 0, false
			}
		}
		sum += v
	}
	for {
		n, err := f.Read(buf)
		b := buf[:n]
		for len(b) > 0 {
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				carry = append(carry, b...)
				break
			}
			if len(carry) > 0 {
				line(append(carry, b[:i]...))
				carry = carry[:0]
			} else {
				line(b[:i])
			}
			b = b[i+1:]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if len(carry) > 0 {
		line(carry)
	}
	fmt.Println(lines, sched, runs, sum)
}
