package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// The columns of the include-plan table: each way to load one edge.
var plans = []string{"tina4-join", "tina4-queries", "prepared-join", "prepared-queries"}

// planTable prints BenchmarkIncludePlan/<engine>/<edge>/<plan>: per edge
// kind, the time of each plan and which is faster.
func planTable(w io.Writer, res map[string]result, order []string) {
	var rows []string // engine/edge
	for _, name := range order {
		parts := strings.Split(name, "/")
		if parts[0] != "BenchmarkIncludePlan" || len(parts) != 4 {
			continue
		}
		if k := parts[1] + "/" + parts[2]; !slices.Contains(rows, k) {
			rows = append(rows, k)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "\n### Includes: join or queries")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Median time and allocations of loading one edge each way; the faster hand-written plan in bold.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| engine / edge | %s |\n", strings.Join(plans, " | "))
	fmt.Fprintf(w, "|---|%s\n", strings.Repeat("---|", len(plans)))
	for _, k := range rows {
		j, jok := res["BenchmarkIncludePlan/"+k+"/prepared-join"]
		q, qok := res["BenchmarkIncludePlan/"+k+"/prepared-queries"]
		cells := make([]string, len(plans))
		for i, p := range plans {
			r, ok := res["BenchmarkIncludePlan/"+k+"/"+p]
			if !ok {
				cells[i] = "–"
				continue
			}
			cells[i] = fmt.Sprintf("%s<br>%.0f allocs", dur(r.ns), r.allocs)
			if jok && qok && (p == "prepared-join" && j.ns < q.ns || p == "prepared-queries" && q.ns <= j.ns) {
				cells[i] = "**" + cells[i] + "**"
			}
		}
		fmt.Fprintf(w, "| %s | %s |\n", k, strings.Join(cells, " | "))
	}
}
