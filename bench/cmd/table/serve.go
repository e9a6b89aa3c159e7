package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// serveTable prints BenchmarkHTTPServe/<engine>/<endpoint>/<contender>: the
// server's own time and allocations per request, in process, AutoCrud as a
// ratio to the hand-written handler.
func serveTable(w io.Writer, res map[string]result, order []string) {
	var eps []string
	for _, name := range order {
		parts := strings.Split(name, "/")
		if parts[0] != "BenchmarkHTTPServe" || len(parts) != 4 {
			continue
		}
		if k := parts[1] + "/" + parts[2]; !slices.Contains(eps, k) {
			eps = append(eps, k)
		}
	}
	if len(eps) == 0 {
		return
	}
	fmt.Fprintln(w, "\n### AutoCrud in process (ServeHTTP, one request at a time, no network)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The server's own time and allocations per request; AutoCrud's time as a ratio to the hand-written handler's (the median of the rounds' ratios).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| engine / endpoint | hand-written | AutoCrud | AutoCrud ÷ hand-written (time) |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, k := range eps {
		h, hok := res["BenchmarkHTTPServe/"+k+"/handwritten"]
		a, aok := res["BenchmarkHTTPServe/"+k+"/autocrud"]
		if !hok || !aok {
			continue
		}
		fmt.Fprintf(w, "| %s | %s<br>%.0f allocs | %s<br>%.0f allocs | %.2f× |\n", k, dur(h.ns), h.allocs, dur(a.ns), a.allocs, ratio(a, h))
	}
}
