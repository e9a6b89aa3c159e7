package orm

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// TestStmtCacheRecentTable checks that the table of recent statements
// gives the statement the cache holds, under any copy of its text, and
// never one the cache has evicted.
func TestStmtCacheRecentTable(t *testing.T) {
	ctx, db := cacheDB(t)
	it := cacheItem{Name: "a"}
	check(t, Save(ctx, &it))
	got, err := Find[cacheItem](ctx, it.ID)
	require.NoError(t, err)
	require.NotNil(t, got)

	c := db.rstmts
	q := sqlOf(mustModel[cacheItem](t), db.dialect).find
	cs := c.lookup(q)
	require.NotNil(t, cs, "the find statement is cached")
	cs.release()
	require.Same(t, cs, c.recent.lookup(q), "in the recent table under its text")
	cs.release()
	copied := strings.Clone(q)
	require.Nil(t, c.recent.lookup(copied), "another copy of the text is not in the table")
	again := c.lookup(copied)
	require.Same(t, cs, again, "found through the cache's map")
	again.release()

	// Evict every statement: the table must not hand out the evicted one.
	c.close()
	assert.Nil(t, c.recent.lookup(q))
	assert.Nil(t, c.lookup(q))

	// And Find still answers (running unprepared once the cache is closed).
	got, err = Find[cacheItem](ctx, it.ID)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, "a", got.Name)
}

// TestSQLOfFollowsTheDialect checks that sqlOf answers per dialect as
// sqlFor does, when dialects take turns.
func TestSQLOfFollowsTheDialect(t *testing.T) {
	m := mustModel[cacheItem](t)
	for range 2 {
		for _, d := range []dialect.Dialect{dialect.SQLite{}, dialect.Postgres{}, dialect.MySQL{}} {
			assert.Same(t, sqlFor(m, d), sqlOf(m, d), d.Name())
		}
	}
}

func mustModel[T any](t *testing.T) *Model {
	t.Helper()
	m, err := ModelOf[T]()
	require.NoError(t, err)
	return m
}
