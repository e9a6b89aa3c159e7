// Command table reads the output of go test -bench (from the files named, or
// standard input) and prints Markdown tables of the medians: the ORM
// operations per engine with each contender's time and allocations as a
// ratio to hand-written code with statements prepared once, AutoCrud's
// throughput against the hand-written handler, and the router against
// httprouter, each with the targets checked.
//
//	go test -run '^$' -bench . -count 5 . | go run ./cmd/table
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// sample is one benchmark result line: its metrics by unit (ns/op, B/op,
// allocs/op, and those reported with b.ReportMetric).
type sample map[string]float64

// result is the medians of one benchmark's samples.
type result struct {
	ns, bytes, allocs float64
	metrics           map[string]float64 // every unit's median
	n                 int
	times             []float64 // ns/op of each sample, in the order run
}

// ratio is the time of b as a ratio to a's: the median of the ratios of
// their samples taken in the same round (run.sh runs every benchmark once per
// round, so the i-th samples of two contenders ran back to back, under the
// same load), or the ratio of the medians when the samples do not pair up.
func ratio(b, a result) float64 {
	if len(a.times) != len(b.times) || len(a.times) < 2 {
		return b.ns / a.ns
	}
	r := make([]float64, len(a.times))
	for i := range r {
		r[i] = b.times[i] / a.times[i]
	}
	return median(r)
}

var (
	line   = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)
	metric = regexp.MustCompile(`([\d.]+) (\S+)`)
)

// parse reads benchmark lines into medians by name, keeping the order in
// which names first appear.
func parse(r io.Reader) (map[string]result, []string, error) {
	samples := map[string][]sample{}
	var order []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		s := sample{}
		for _, mm := range metric.FindAllStringSubmatch(m[2], -1) {
			s[mm[2]], _ = strconv.ParseFloat(mm[1], 64)
		}
		if _, ok := s["ns/op"]; !ok {
			continue
		}
		if _, ok := samples[m[1]]; !ok {
			order = append(order, m[1])
		}
		samples[m[1]] = append(samples[m[1]], s)
	}
	out := map[string]result{}
	for name, ss := range samples {
		med := map[string]float64{}
		var times []float64
		for unit := range ss[0] {
			v := make([]float64, 0, len(ss))
			for _, s := range ss {
				v = append(v, s[unit])
			}
			if unit == "ns/op" {
				times = slices.Clone(v)
			}
			med[unit] = median(v)
		}
		out[name] = result{ns: med["ns/op"], bytes: med["B/op"], allocs: med["allocs/op"], metrics: med, n: len(ss), times: times}
	}
	return out, order, sc.Err()
}

func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// dur formats nanoseconds.
func dur(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// The ORM contenders in column order, and the floor the ratios are to.
var contenders = []string{"prepared", "raw", "tina4", "gorm", "bun", "sqlx"}

const floor = "prepared"

// ormTables prints one table per engine of BenchmarkORM/<engine>/<op>/<contender>.
func ormTables(w io.Writer, res map[string]result, order []string) {
	var engines, ops []string
	for _, name := range order {
		parts := strings.Split(name, "/")
		if parts[0] != "BenchmarkORM" || len(parts) != 4 {
			continue
		}
		if !slices.Contains(engines, parts[1]) {
			engines = append(engines, parts[1])
		}
		if !slices.Contains(ops, parts[2]) {
			ops = append(ops, parts[2])
		}
	}
	for _, e := range engines {
		fmt.Fprintf(w, "\n### ORM operations on %s\n\n", e)
		fmt.Fprintln(w, "Median time per operation and allocations per operation; in brackets, the ratio to `prepared` (hand-written, statements prepared once): for time, the median of the rounds' ratios (both ran in each round, back to back).")
		fmt.Fprintln(w, "Targets for tina4: time ≤ raw, ≤ 1.10× prepared (issue 17), allocations ≤ 1.5× prepared, faster than gorm and bun.")
		fmt.Fprintln(w)
		fmt.Fprint(w, "| operation |")
		for _, c := range contenders {
			fmt.Fprintf(w, " %s |", c)
		}
		fmt.Fprintln(w, " tina4 targets |")
		fmt.Fprint(w, "|---|")
		for range contenders {
			fmt.Fprint(w, "---|")
		}
		fmt.Fprintln(w, "---|")
		for _, op := range ops {
			get := func(c string) (result, bool) {
				r, ok := res["BenchmarkORM/"+e+"/"+op+"/"+c]
				return r, ok
			}
			base, ok := get(floor)
			if !ok {
				continue
			}
			fmt.Fprintf(w, "| %s |", op)
			for _, c := range contenders {
				r, ok := get(c)
				if !ok {
					fmt.Fprint(w, " – |")
					continue
				}
				fmt.Fprintf(w, " %s (%.2f×)<br>%.0f allocs (%.2f×) |", dur(r.ns), ratio(r, base), r.allocs, r.allocs/max(base.allocs, 1))
			}
			t, _ := get("tina4")
			raw, _ := get("raw")
			g, gok := get("gorm")
			b, bok := get("bun")
			checks := []string{
				"≤raw " + mark(ratio(t, raw) <= 1),
				"≤1.10× " + mark(ratio(t, base) <= 1.10),
				"allocs " + mark(t.allocs <= 1.5*base.allocs),
				"<gorm " + mark(!gok || ratio(t, g) < 1),
				"<bun " + mark(!bok || ratio(t, b) < 1),
			}
			fmt.Fprintf(w, " %s |\n", strings.Join(checks, " "))
		}
	}
}

// httpTable prints BenchmarkHTTP/<notes>/<endpoint>/<contender>.
func httpTable(w io.Writer, res map[string]result, order []string) {
	var sizes, eps []string
	for _, name := range order {
		parts := strings.Split(name, "/")
		if parts[0] != "BenchmarkHTTP" || len(parts) != 4 {
			continue
		}
		if !slices.Contains(sizes, parts[1]) {
			sizes = append(sizes, parts[1])
		}
		if !slices.Contains(eps, parts[2]) {
			eps = append(eps, parts[2])
		}
	}
	for _, size := range sizes {
		fmt.Fprintf(w, "\n### AutoCrud over HTTP (SQLite, %s notes, 32 keep-alive clients on loopback)\n\n", size)
		fmt.Fprintln(w, "Requests per second, latency p50 / p99, and the process's CPU time per request (server and clients together).")
		fmt.Fprintln(w, "Both handlers get the same connections: one writer and a pool of readers with the same pragmas.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "The ratio is the median of the rounds' ratios (both handlers ran in each round, back to back).")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| endpoint | hand-written | AutoCrud | AutoCrud ÷ hand-written (req/s) | target ≥ 0.95 |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		for _, ep := range eps {
			h, hok := res["BenchmarkHTTP/"+size+"/"+ep+"/handwritten"]
			a, aok := res["BenchmarkHTTP/"+size+"/"+ep+"/autocrud"]
			if !hok || !aok {
				continue
			}
			r := ratio(h, a) // requests per second: the inverse of the time ratio
			fmt.Fprintf(w, "| %s | %s | %s | %.2f | %s |\n", ep, httpCell(h), httpCell(a), r, mark(r >= 0.95))
		}
	}
}

// httpCell is one contender's figures for an endpoint.
func httpCell(r result) string {
	return fmt.Sprintf("%.0f req/s<br>%s / %s<br>CPU %s/req, %.0f allocs",
		1e9/r.ns, dur(r.metrics["p50-ns"]), dur(r.metrics["p99-ns"]), dur(r.metrics["cpu-ns/op"]), r.allocs)
}

// routerTable prints the router benchmarks of tina4/router.
func routerTable(w io.Writer, res map[string]result, order []string) {
	var names []string
	for _, name := range order {
		if strings.HasPrefix(name, "BenchmarkRouter") || strings.HasPrefix(name, "BenchmarkHTTPRouter") {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return
	}
	fmt.Fprintln(w, "\n### Router (tina4/router, in-process, no network)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| benchmark | time | allocs |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, n := range names {
		r := res[n]
		fmt.Fprintf(w, "| %s | %s | %.0f |\n", strings.TrimPrefix(n, "Benchmark"), dur(r.ns), r.allocs)
	}
	p, pok := res["BenchmarkRouterParam"]
	h, hok := res["BenchmarkHTTPRouterParam"]
	if pok && hok {
		fmt.Fprintf(w, "\nA parameter route costs %.0f allocation(s) more than bare httprouter (target ≤ 2): %s\n", p.allocs-h.allocs, mark(p.allocs-h.allocs <= 2))
	}
}

func main() {
	var in io.Reader = os.Stdin
	if len(os.Args) > 1 {
		var rs []io.Reader
		for _, name := range os.Args[1:] {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			defer f.Close()
			rs = append(rs, f)
		}
		in = io.MultiReader(rs...)
	}
	res, order, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(res) == 0 {
		fmt.Fprintln(os.Stderr, "table: no benchmark lines in the input")
		os.Exit(1)
	}
	samples := 0
	for _, r := range res {
		samples = max(samples, r.n)
	}
	fmt.Printf("Medians of %d run(s) each.\n", samples)
	ormTables(os.Stdout, res, order)
	planTable(os.Stdout, res, order)
	httpTable(os.Stdout, res, order)
	serveTable(os.Stdout, res, order)
	routerTable(os.Stdout, res, order)
}
