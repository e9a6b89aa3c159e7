package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServeTableGivesTheRatioToTheHandWrittenHandler(t *testing.T) {
	in := `BenchmarkHTTPServe/sqlite/View/handwritten-2   2000  14000 ns/op  7000 B/op  46 allocs/op
BenchmarkHTTPServe/sqlite/View/autocrud-2   2000  21000 ns/op  9000 B/op  63 allocs/op
BenchmarkHTTPServe/sqlite/Create/autocrud-2   2000  50000 ns/op  9000 B/op  100 allocs/op
`
	res, order, err := parse(strings.NewReader(in))
	require.NoError(t, err)
	var sb strings.Builder
	serveTable(&sb, res, order)
	got := sb.String()
	assert.Contains(t, got, "| sqlite/View | 14.0 µs<br>46 allocs | 21.0 µs<br>63 allocs | 1.50× |")
	assert.NotContains(t, got, "sqlite/Create", "a row needs both contenders")
}
