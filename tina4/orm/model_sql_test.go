package orm

import (
	"fmt"
	"testing"
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
		if got := ms.countSQL(cond, render(cond)); got != "SELECT COUNT(*) WHERE "+cond {
			t.Fatalf("countSQL(%q) = %q", cond, got)
		}
	}
	if n := ms.nCounts.Load(); n != maxCachedCounts {
		t.Errorf("cached %d statements, want the bound %d", n, maxCachedCounts)
	}
	renders = 0
	ms.countSQL("id = 0", render("id = 0"))
	ms.countSQL("id = 300", render("id = 300"))
	if renders != 1 {
		t.Errorf("%d renders, want 1 (the uncached condition only)", renders)
	}
}
