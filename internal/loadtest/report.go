package loadtest

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Report is what a run measured and found.
type Report struct {
	Clients  int
	Elapsed  time.Duration // from the first request to the last answer
	Requests int64         // requests sent
	Ops      map[string]int64
	Statuses map[int]int64 // answers by HTTP status

	TransportErrors int64 // requests that got no answer (connection refused or broken, timeout)
	ServerErrors    int64 // 5xx answers
	Locked          int64 // answers whose body mentions "database is locked"
	Unexpected      int64 // answers with a status other than the operation's success (5xx included)
	StaleReads      int64 // a GET of an acknowledged note that was missing or held other content

	P50, P99, Max time.Duration // latency of the answered requests

	Live, Deleted int      // notes in the ledger after the run
	Verified      bool     // the ledger was checked against the server
	Lost          []string // the ledger's problems: acknowledged writes the server does not hold
	Samples       []string // a few of the unexpected answers, for the log
}

// RPS is the answered requests per second.
func (r *Report) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	var answered int64
	for _, n := range r.Statuses {
		answered += n
	}
	return float64(answered) / r.Elapsed.Seconds()
}

// Failures lists every requirement the run broke: any 5xx, any "database is
// locked", any request without an answer, any unexpected status, any stale
// read, and any acknowledged write the server lost. Empty means it passed.
func (r *Report) Failures() []string {
	var f []string
	add := func(n int64, what string) {
		if n > 0 {
			f = append(f, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(r.ServerErrors, "5xx answers")
	add(r.Locked, `answers mentioning "database is locked"`)
	add(r.TransportErrors, "requests without an answer")
	add(r.Unexpected, "answers with an unexpected status")
	add(r.StaleReads, "reads of an acknowledged note that did not match it")
	if len(r.Lost) > 0 {
		f = append(f, fmt.Sprintf("%d acknowledged writes lost, first: %s", len(r.Lost), r.Lost[0]))
	}
	if r.Requests == 0 {
		f = append(f, "no request was sent")
	}
	return f
}

// String is the report for a person: rates, latencies, counts, failures.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "clients %d, %s, %d requests: %.0f req/s, p50 %s, p99 %s, max %s\n",
		r.Clients, r.Elapsed.Round(time.Millisecond), r.Requests, r.RPS(),
		r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond))
	fmt.Fprintf(&b, "operations: %s\n", formatCounts(r.Ops))
	statuses := make(map[string]int64, len(r.Statuses))
	for s, n := range r.Statuses {
		statuses[fmt.Sprint(s)] = n
	}
	fmt.Fprintf(&b, "statuses: %s\n", formatCounts(statuses))
	fmt.Fprintf(&b, "5xx %d, database is locked %d, no answer %d, unexpected %d, stale reads %d\n",
		r.ServerErrors, r.Locked, r.TransportErrors, r.Unexpected, r.StaleReads)
	if r.Verified {
		fmt.Fprintf(&b, "verified: %d live notes and %d deletes, %d lost\n", r.Live, r.Deleted, len(r.Lost))
	}
	for _, s := range r.Samples {
		fmt.Fprintf(&b, "  sample: %s\n", s)
	}
	if f := r.Failures(); len(f) > 0 {
		fmt.Fprintf(&b, "FAIL: %s\n", strings.Join(f, "; "))
	} else {
		b.WriteString("PASS\n")
	}
	return b.String()
}

func formatCounts(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// percentile returns the p-th quantile (0 < p <= 1) of sorted latencies by
// the nearest-rank method, or 0 for none.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// setLatencies sorts lat and fills P50, P99 and Max.
func (r *Report) setLatencies(lat []time.Duration) {
	slices.Sort(lat)
	r.P50, r.P99 = percentile(lat, 0.50), percentile(lat, 0.99)
	if len(lat) > 0 {
		r.Max = lat[len(lat)-1]
	}
}
