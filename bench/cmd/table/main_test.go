package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const out = `goos: linux
BenchmarkORM/sqlite/FindByPK/prepared-2    100   6000 ns/op   953 B/op   22 allocs/op
BenchmarkORM/sqlite/FindByPK/prepared-2    100   5000 ns/op   953 B/op   22 allocs/op
BenchmarkORM/sqlite/FindByPK/prepared-2    100   9000 ns/op   953 B/op   22 allocs/op
BenchmarkORM/sqlite/FindByPK/raw-2         100  12000 ns/op  1523 B/op   47 allocs/op
BenchmarkORM/sqlite/FindByPK/tina4-2       100   6600 ns/op   961 B/op   24 allocs/op
BenchmarkORM/sqlite/FindByPK/gorm-2        100  20000 ns/op  5000 B/op   72 allocs/op
BenchmarkORM/sqlite/FindByPK/bun-2         100  18000 ns/op  6000 B/op   50 allocs/op
BenchmarkHTTP/10000/View/handwritten-2     100  60000 ns/op  50000 cpu-ns/op  1500000 p50-ns  6000000 p99-ns  8000 B/op  104 allocs/op
BenchmarkHTTP/10000/View/autocrud-2        100  80000 ns/op  70000 cpu-ns/op  2000000 p50-ns  9000000 p99-ns  9000 B/op  140 allocs/op
BenchmarkRouterParam-2                     100    100 ns/op    64 B/op    2 allocs/op
BenchmarkHTTPRouterParam-2                 100     50 ns/op    32 B/op    1 allocs/op
PASS
`

func TestParseTakesMedians(t *testing.T) {
	res, order, err := parse(strings.NewReader(out))
	require.NoError(t, err)
	p := res["BenchmarkORM/sqlite/FindByPK/prepared"]
	require.Equal(t, float64(6000), p.ns, "prepared = %+v, want median 6000 ns of 3 samples", p)
	require.Equal(t, float64(22), p.allocs, "prepared = %+v, want median 6000 ns of 3 samples", p)
	require.Equal(t, 3, p.n, "prepared = %+v, want median 6000 ns of 3 samples", p)
	require.Equal(t, "BenchmarkORM/sqlite/FindByPK/prepared", order[0], "order")
	require.Len(t, order, 9, "order")
	even := median([]float64{4, 1, 3, 2})
	require.Equal(t, 2.5, even, "median of 4")
}

func TestTables(t *testing.T) {
	res, order, err := parse(strings.NewReader(out))
	require.NoError(t, err)
	var b strings.Builder
	ormTables(&b, res, order)
	httpTable(&b, res, order)
	routerTable(&b, res, order)
	got := b.String()
	for _, want := range []string{
		"### ORM operations on sqlite",
		"| FindByPK | 6.0 µs (1.00×)<br>22 allocs (1.00×) | 12.0 µs (2.00×)<br>47 allocs (2.14×) | 6.6 µs (1.10×)<br>24 allocs (1.09×) |",
		"≤raw ✓ ≤1.10× ✓ allocs ✓ <gorm ✓ <bun ✓",
		"| sqlx |", " – |",
		"### AutoCrud over HTTP (SQLite, 10000 notes, 32 keep-alive clients on loopback)",
		"| View | 16667 req/s<br>1.50 ms / 6.00 ms<br>CPU 50.0 µs/req, 104 allocs | 12500 req/s<br>2.00 ms / 9.00 ms<br>CPU 70.0 µs/req, 140 allocs | 0.75 | ✗ |",
		"costs 1 allocation(s) more than bare httprouter (target ≤ 2): ✓",
	} {
		assert.Contains(t, got, want, "tables lack")
	}
}

// TestRatioPairsRounds: the ratio of two contenders is the median of their
// per-round ratios when their samples pair up, else the ratio of medians.
func TestRatioPairsRounds(t *testing.T) {
	cases := []struct {
		name string
		a, b []float64
		want float64
	}{
		// Round 2 was slow for both: per round, b is 1.1× a every time,
		// while the medians (10 against 12) would say 1.2×.
		{"paired rounds", []float64{10, 20, 9}, []float64{11, 22, 12}, 1.1},
		{"samples that do not pair", []float64{10, 20, 9}, []float64{11, 22}, 16.5 / 10},
		{"one sample each", []float64{10}, []float64{12}, 1.2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := result{ns: median(append([]float64(nil), tc.a...)), times: tc.a}
			b := result{ns: median(append([]float64(nil), tc.b...)), times: tc.b}
			assert.InDelta(t, tc.want, ratio(b, a), 1e-9)
		})
	}
}
