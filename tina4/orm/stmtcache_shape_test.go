package orm

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatementCacheOneOffShapesDoNotChurn runs the statements a query
// string can make (every combination of filters, IN lists of every length,
// ad-hoc SQL), each once, through a small cache: none of them is prepared,
// so the model's own find, insert and count stay prepared, the very same
// statements.
func TestStatementCacheOneOffShapesDoNotChurn(t *testing.T) {
	ctx, db := cacheDB(t)
	db.rstmts.max = 4 // small: any churn would evict the fixed statements
	for i := range 5 {
		require.NoError(t, Save(ctx, &cacheItem{Name: fmt.Sprint("n", i)}))
	}
	_, err := Find[cacheItem](ctx, int64(1))
	require.NoError(t, err)
	n, err := Count[cacheItem](ctx, "", nil)
	require.NoError(t, err)
	require.Equal(t, 5, n)
	snapshot := func(c *stmtCache) map[string]*cachedStmt {
		out := map[string]*cachedStmt{}
		c.stmts.Range(func(k, v any) bool { out[k.(string)] = v.(*cachedStmt); return true })
		return out
	}
	readers, writers := snapshot(db.rstmts), snapshot(db.wstmts)
	require.Len(t, readers, 2, "find and count")
	require.Len(t, writers, 1, "insert")

	filters := []string{"id > ?", "name <> ?", "name LIKE ?", "id < ?"}
	args := []any{0, "zz", "n%", 100}
	shapes := 0
	for mask := 1; mask < 1<<len(filters); mask++ { // every combination of filters
		q := Query[cacheItem](ctx)
		for i, f := range filters {
			if mask&(1<<i) != 0 {
				q.Where(f, args[i])
			}
		}
		got, err := q.OrderBy("id").Get()
		require.NoError(t, err)
		assert.Len(t, got, 5, "filters %b", mask)
		shapes++
	}
	for k := 1; k <= 5; k++ { // IN lists of every length
		ids := make([]any, k)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		got, err := Query[cacheItem](ctx).Where("id IN (?"+strings.Repeat(", ?", k-1)+")", ids...).Get()
		require.NoError(t, err)
		assert.Len(t, got, k)
		shapes++
	}
	for i := range 5 { // ad-hoc SQL
		rows, _, err := Select[cacheItem](ctx, fmt.Sprintf("SELECT id, name FROM cache_items WHERE id > %d", i), nil)
		require.NoError(t, err)
		assert.Len(t, rows, 5-i)
		shapes++
	}
	require.Greater(t, shapes, db.rstmts.max)

	// In a transaction, too: nothing is queued to be prepared after it.
	require.NoError(t, Transaction(ctx, func(ctx context.Context) error {
		_, err := Query[cacheItem](ctx).Where("id > ?", 2).Where("name <> ?", "x").Get()
		return err
	}))
	db.wstmts.missed.Range(func(k, _ any) bool { t.Errorf("queued to prepare: %s", k); return true })

	_, err = Find[cacheItem](ctx, int64(2))
	require.NoError(t, err)
	_, err = Count[cacheItem](ctx, "", nil)
	require.NoError(t, err)
	for name, c := range map[string]struct {
		before map[string]*cachedStmt
		cache  *stmtCache
	}{"reader": {readers, db.rstmts}, "writer": {writers, db.wstmts}} {
		after := snapshot(c.cache)
		assert.Len(t, after, len(c.before), "%s cache", name)
		for q, cs := range c.before {
			assert.Same(t, cs, after[q], "%s cache: %s", name, q)
			assert.False(t, cs.evicted.Load(), "evicted: %s", q)
		}
	}
}

// TestStatementCacheSecondTier: a statement that is not fixed-shape runs
// unprepared the first time and is kept when it comes back, in a tier of
// its own: a flood of such statements, each coming back, stays within that
// tier's bound and never evicts a fixed-shape statement.
func TestStatementCacheSecondTier(t *testing.T) {
	ctx, db := cacheDB(t)
	c := db.rstmts
	c.maxHot = 3
	for i := range 3 {
		require.NoError(t, Save(ctx, &cacheItem{Name: fmt.Sprint("n", i)}))
	}
	_, err := Find[cacheItem](ctx, int64(1))
	require.NoError(t, err)
	find := map[string]*cachedStmt{}
	c.stmts.Range(func(k, v any) bool { find[k.(string)] = v.(*cachedStmt); return true })
	require.Len(t, find, 1)

	page := func(cond string) {
		t.Helper()
		got, err := Query[cacheItem](ctx).Where(cond, 0).OrderBy("id").Limit(10).Get()
		require.NoError(t, err)
		require.Len(t, got, 3)
	}
	page("id > ?")
	assert.Equal(t, 1, c.len(), "first use: unprepared")
	page("id > ?")
	assert.Equal(t, 2, c.len(), "second use: kept")
	assert.Equal(t, 1, c.nHot)
	kept := hotStmt(c)
	require.NotNil(t, kept)
	page("id > ?")
	assert.False(t, kept.evicted.Load(), "third use: the same statement")

	for i := range 20 { // twenty shapes, each twice
		cond := fmt.Sprintf("id > ? AND %d = %d", i, i)
		page(cond)
		page(cond)
		assert.LessOrEqual(t, c.nHot, 3)
	}
	assert.Equal(t, 3, c.nHot)
	for q, cs := range find {
		v, ok := c.stmts.Load(q)
		require.True(t, ok, "fixed statement evicted: %s", q)
		assert.Same(t, cs, v.(*cachedStmt))
	}
}

// TestStatementCacheSecondTierInTransactions: a statement that is not
// fixed-shape and runs only inside transactions (like AutoCrud's partial
// UPDATE of a PATCH) is queued on its second use and prepared after the commit,
// as it would be outside a transaction; a one-off shape is not.
func TestStatementCacheSecondTierInTransactions(t *testing.T) {
	ctx, db := cacheDB(t)
	c := db.wstmts
	item := &cacheItem{Name: "a"}
	require.NoError(t, Save(ctx, item))
	update := func() { // a statement of no fixed shape, run only in transactions
		t.Helper()
		require.NoError(t, Transaction(ctx, func(ctx context.Context) error {
			item.Name += "b"
			got, err := Query[cacheItem](ctx).Where("id = ?", item.ID).Where("name <> ?", item.Name).Get()
			if err == nil && len(got) == 1 {
				err = Update(ctx, item, "name")
			}
			return err
		}))
	}
	hot := func() int {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.nHot
	}
	queued := func() (n int) { // statements of no fixed shape waiting to be prepared
		c.missed.Range(func(k, _ any) bool {
			if !isFixed(k.(string)) {
				n++
			}
			return true
		})
		return n
	}
	update() // commits, then prepares what it queued in the background
	assert.Equal(t, 0, queued(), "first use: not queued")
	assert.Equal(t, 0, hot(), "first use: not prepared")
	update()
	require.Eventually(t, func() bool { return hot() == 1 }, 5*time.Second, time.Millisecond,
		"second use: prepared after the commit")
	kept := hotStmt(c)
	require.NotNil(t, kept)
	update()
	assert.Equal(t, 1, hot())
	assert.False(t, kept.evicted.Load(), "third use: the same statement")
	got, err := Find[cacheItem](ctx, item.ID)
	require.NoError(t, err)
	assert.Equal(t, "abbb", got.Name)
}

// hotStmt returns a statement of c's second tier, or nil.
func hotStmt(c *stmtCache) (kept *cachedStmt) {
	c.stmts.Range(func(_, v any) bool {
		if v.(*cachedStmt).hot {
			kept = v.(*cachedStmt)
		}
		return true
	})
	return kept
}
