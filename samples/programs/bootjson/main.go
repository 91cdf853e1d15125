// A service that loads its configuration at start: it builds and parses a JSON document of about
// 30 MB (200,000 records), keeps the result, then runs a 10 ms ticker that allocates nothing for 8 s.
package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

type record struct {
	ID     int               `json:"id"`
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
	Values []float64         `json:"values"`
}

func main() {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < 200000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"service-%d","labels":{"zone":"z%d","tier":"t%d"},"values":[%d.5,%d.25,%d.125]}`, i, i, i%7, i%3, i, i, i)
	}
	b.WriteString("]")
	var config []record
	if err := json.Unmarshal([]byte(b.String()), &config); err != nil {
		panic(err)
	}
	ticker := time.NewTicker(10 * time.Millisecond)
	defer ticker.Stop()
	deadline := time.Now().Add(8 * time.Second)
	sum := 0
	for now := range ticker.C {
		if now.After(deadline) {
			break
		}
		sum += config[now.Nanosecond()%len(config)].ID
	}
	fmt.Println(len(config), sum)
}
