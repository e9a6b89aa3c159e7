package orm

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCountSQLCacheIsBounded: conditions past the bound are rendered each
// time and not kept, and a kept condition is rendered once.
func TestCountSQLCacheIsBounded(t *testing.T) {
	var ms modelSQL
	renders := 0
	render := func(cond string) func() string {
		return func() string { renders++; return "SELECT COUNT(*) WHERE " + cond }
	}
	for i := range maxCachedCounts + 10 {
		cond := fmt.Sprintf("id = %d", i)
		got := ms.countSQL(cond, render(cond))
		require.Equal(t, "SELECT COUNT(*) WHERE "+cond, got, "countSQL(%q) = %q", cond, got)
	}
	n := ms.nCounts.Load()
	assert.Equal(t, int32(maxCachedCounts), n, "cached %d statements, want the bound %d", n, maxCachedCounts)
	renders = 0
	ms.countSQL("id = 0", render("id = 0"))
	ms.countSQL("id = 300", render("id = 300"))
	assert.Equal(t, 1, renders, "%d renders, want 1 (the uncached condition only)", renders)
}
