package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanTableMarksTheFasterHandWrittenPlan(t *testing.T) {
	in := `BenchmarkIncludePlan/sqlite/ToOne100/tina4-join-2   100  216020 ns/op  1000 B/op  500 allocs/op
BenchmarkIncludePlan/sqlite/ToOne100/prepared-join-2   100  105203 ns/op  1000 B/op  400 allocs/op
BenchmarkIncludePlan/sqlite/ToOne100/prepared-queries-2   100  159885 ns/op  1000 B/op  450 allocs/op
BenchmarkIncludePlan/sqlite/ToMany100x10/prepared-join-2   100  3000000 ns/op  1000 B/op  9000 allocs/op
BenchmarkIncludePlan/sqlite/ToMany100x10/prepared-queries-2   100  2000000 ns/op  1000 B/op  7000 allocs/op
`
	res, order, err := parse(strings.NewReader(in))
	require.NoError(t, err)
	var sb strings.Builder
	planTable(&sb, res, order)
	got := sb.String()
	for _, want := range []string{
		"| sqlite/ToOne100 | 216.0 µs<br>500 allocs | – | **105.2 µs<br>400 allocs** | 159.9 µs<br>450 allocs |",
		"| sqlite/ToMany100x10 | – | – | 3.00 ms<br>9000 allocs | **2.00 ms<br>7000 allocs** |",
	} {
		assert.Contains(t, got, want, "missing %q in:\n%s", want, got)
	}
}
