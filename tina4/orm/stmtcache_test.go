package orm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type cacheItem struct {
	ID   int64  `db:"id"`
	Name string `db:"name,unique"`
}

func (cacheItem) TableName() string { return "cache_items" }

// cacheDB opens a SQLite file with the cache_items table.
func cacheDB(t *testing.T, opts ...Option) (context.Context, *DB) {
	t.Helper()
	db, err := Open("sqlite:///"+filepath.Join(t.TempDir(), "cache.db"), opts...)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := WithDB(context.Background(), db)
	err = CreateTable[cacheItem](ctx)
	require.NoError(t, err)
	return ctx, db
}

func TestStatementCacheReusesStatements(t *testing.T) {
	ctx, db := cacheDB(t)
	require.NotNil(t, db.wstmts, "SQLite file: want a writer cache, a separate reader cache and transactions on the writer's")
	require.NotNil(t, db.rstmts, "SQLite file: want a writer cache, a separate reader cache and transactions on the writer's")
	require.NotSame(t, db.rstmts, db.wstmts, "SQLite file: want a writer cache, a separate reader cache and transactions on the writer's")
	require.Same(t, db.wstmts, db.txStmts, "SQLite file: want a writer cache, a separate reader cache and transactions on the writer's")
	n := db.wstmts.len() + db.rstmts.len()
	require.Equal(t, 0, n, "DDL was cached: %d statements", n)
	for i := range 3 {
		it := cacheItem{Name: fmt.Sprintf("ünï %d", i)}
		check(t, Save(ctx, &it))
		got, err := Find[cacheItem](ctx, it.ID)
		require.NoError(t, err, "Find(%d) = %+v, %v", it.ID, got, err)
		require.NotNil(t, got, "Find(%d) = %+v, %v", it.ID, got, err)
		require.Equal(t, it.Name, got.Name, "Find(%d) = %+v, %v", it.ID, got, err)
	}
	w, r := db.wstmts.len(), db.rstmts.len()
	require.Equal(t, 1, w, "after 3 inserts and 3 finds: %d writer and %d reader statements, want 1 and 1", w, r)
	require.Equal(t, 1, r, "after 3 inserts and 3 finds: %d writer and %d reader statements, want 1 and 1", w, r)
	_, err := Find[cacheItem](ctx, 99)
	require.NoError(t, err)
	n, err = Count[cacheItem](ctx, "name LIKE ?", []any{"ünï%"})
	require.NoError(t, err, "Count")
	require.Equal(t, 3, n, "Count")
	r = db.rstmts.len()
	require.Equal(t, 2, r, "reader statements = %d, want 2 (find, count)", r)
	// Raw SQL from the app is not kept prepared.
	_, err = Exec(ctx, "UPDATE cache_items SET name = name || ? WHERE id = ?", "!", 1)
	require.NoError(t, err)
	w = db.wstmts.len()
	require.Equal(t, 1, w, "raw Exec was cached: %d writer statements", w)
}

func TestStatementCacheIsBounded(t *testing.T) {
	ctx, db := cacheDB(t)
	db.rstmts.max = 3
	check(t, Save(ctx, &cacheItem{Name: "a"}))
	for i := range 10 {
		// Ten distinct statements through a cache of three.
		n, err := Count[cacheItem](ctx, fmt.Sprintf("id > %d - %d", i, i), nil)
		require.NoError(t, err, "Count #%d = %d, %v", i, n, err)
		require.Equal(t, 1, n, "Count #%d = %d, %v", i, n, err)
		got := db.rstmts.len()
		require.LessOrEqual(t, got, 3, "cache holds %d statements, max 3", got)
	}
}

func TestStatementCacheEvictsOnlyUnusedStatements(t *testing.T) {
	ctx, db := cacheDB(t)
	c := db.rstmts
	c.max = 1
	check(t, Save(ctx, &cacheItem{Name: "a"}))
	markFixed(`SELECT name FROM cache_items WHERE id = ?`, `SELECT id FROM cache_items WHERE name = ?`)
	held, err := c.acquire(ctx, `SELECT name FROM cache_items WHERE id = ?`)
	require.NoError(t, err)
	other, err := c.acquire(ctx, `SELECT id FROM cache_items WHERE name = ?`) // evicts held
	require.NoError(t, err)
	other.release()
	require.True(t, held.evicted.Load(), "held statement: evicted %v, closed %v; want evicted and still open", held.evicted.Load(), held.done.Load())
	require.False(t, held.done.Load(), "held statement: evicted %v, closed %v; want evicted and still open", held.evicted.Load(), held.done.Load())
	var name string
	err = held.stmt.QueryRowContext(ctx, 1).Scan(&name)
	require.NoError(t, err, "evicted statement in use")
	require.Equal(t, "a", name, "evicted statement in use")
	held.release()
	require.True(t, held.done.Load(), "evicted statement not closed after its last use")
	cs := c.lookup(`SELECT name FROM cache_items WHERE id = ?`)
	require.Nil(t, cs, "evicted statement still found")
}

func TestStatementCacheConcurrentUse(t *testing.T) {
	ctx, db := cacheDB(t)
	db.rstmts.max = 2 // constant eviction
	for i := range 5 {
		check(t, Save(ctx, &cacheItem{Name: fmt.Sprint(i)}))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				n, err := Count[cacheItem](ctx, fmt.Sprintf("id > %d", (g+i)%5), nil)
				if err != nil || n != 5-(g+i)%5 {
					errs <- fmt.Errorf("goroutine %d: count = %d, %v", g, n, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.Fail(t, fmt.Sprint(err))
	}
}

func TestStatementCacheInTransactions(t *testing.T) {
	ctx, db := cacheDB(t)
	// A statement first run inside a transaction runs unprepared (preparing
	// would wait for the writer the transaction holds), and is prepared in
	// the background once the transaction commits.
	err := Transaction(ctx, func(ctx context.Context) error {
		for _, n := range []string{"x", "y"} {
			if err := Save(ctx, &cacheItem{Name: n}); err != nil {
				return err
			}
		}
		n, err := Count[cacheItem](ctx, "", nil)
		if err == nil && n != 2 {
			err = fmt.Errorf("count in the transaction = %d, want 2", n)
		}
		return err
	})
	check(t, err)
	for deadline := time.Now().Add(10 * time.Second); db.wstmts.len() != 2 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	w := db.wstmts.len()
	require.Equal(t, 2, w, "after commit: %d writer statements, want 2 (insert, count)", w)
	// Now cached: used through Tx.StmtContext; a rollback undoes its writes.
	boom := errors.New("boom")
	err = Transaction(ctx, func(ctx context.Context) error {
		if err := Save(ctx, &cacheItem{Name: "z"}); err != nil {
			return err
		}
		if n, err := Count[cacheItem](ctx, "", nil); err != nil || n != 3 {
			return fmt.Errorf("count = %d, %v", n, err)
		}
		return boom
	})
	require.ErrorIs(t, err, boom, "Transaction = %v, want boom", err)
	n, err := Count[cacheItem](ctx, "", nil)
	require.NoError(t, err, "after rollback: count = %d, %v; want 2", n, err)
	require.Equal(t, 2, n, "after rollback: count = %d, %v; want 2", n, err)
}

func TestStatementCacheKeepsLogAndErrors(t *testing.T) {
	var buf strings.Builder
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}), nil))
	ctx, _ := cacheDB(t, WithLogger(logger))
	check(t, Save(ctx, &cacheItem{Name: "dup"}))
	err := Save(ctx, &cacheItem{Name: "dup"}) // the cached INSERT, now violating UNIQUE
	require.ErrorIs(t, err, ErrConflict, "duplicate insert: %v, want ErrConflict", err)
	_, err = Query[cacheItem](ctx).Where("no_such_column = ?", 1).Get() // fails to prepare
	require.Error(t, err, "bad column")
	require.Contains(t, err.Error(), "no_such_column", "bad column")
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	n := strings.Count(out, "INSERT INTO")
	assert.Equal(t, 2, n, "log has %d INSERT lines, want 2:\n%s", n, out)
	assert.Contains(t, out, "UNIQUE", "log lacks the errors")
	assert.Contains(t, out, "no_such_column", "log lacks the errors")
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestStatementCacheClosesWithTheDB(t *testing.T) {
	ctx, db := cacheDB(t)
	check(t, Save(ctx, &cacheItem{Name: "a"}))
	_, err := Find[cacheItem](ctx, 1)
	require.NoError(t, err)
	var stmts []*cachedStmt
	for _, c := range []*stmtCache{db.wstmts, db.rstmts} {
		c.stmts.Range(func(_, v any) bool { stmts = append(stmts, v.(*cachedStmt)); return true })
	}
	check(t, db.Close())
	for _, cs := range stmts {
		assert.True(t, cs.done.Load(), "statement %p open after Close", cs.stmt)
	}
	assert.Equal(t, 0, db.wstmts.len(), "caches not emptied by Close")
	assert.Equal(t, 0, db.rstmts.len(), "caches not emptied by Close")
}

func TestStatementCachePerEngine(t *testing.T) {
	mem, err := Open("sqlite::memory:")
	require.NoError(t, err)
	defer mem.Close()
	if assert.NotNil(t, mem.wstmts, "sqlite memory: want one cache for its one pool") {
		assert.Same(t, mem.wstmts, mem.rstmts, "sqlite memory: want one cache for its one pool")
	}
	if pg := os.Getenv("TINA4_TEST_POSTGRES_URL"); pg != "" {
		db, err := Open(pg)
		require.NoError(t, err)
		defer db.Close()
		if assert.Nil(t, db.wstmts, "postgres: pgx caches statements itself; the ORM must not") && assert.Nil(t, db.rstmts, "postgres: pgx caches statements itself; the ORM must not") {
			assert.Nil(t, db.txStmts, "postgres: pgx caches statements itself; the ORM must not")
		}
	}
	if my := os.Getenv("TINA4_TEST_MYSQL_URL"); my != "" {
		db, err := Open(my)
		require.NoError(t, err)
		defer db.Close()
		if assert.NotNil(t, db.wstmts, "mysql: want a cache") {
			assert.Same(t, db.wstmts, db.txStmts, "mysql: want a cache")
		}
	}
	// A DB over a transaction prepares nothing for later.
	tx, err := mem.Pool().Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	assert.Nil(t, New(tx, mem.Dialect()).wstmts, "New(tx): want no cache")
}

func check(t *testing.T, err error) {
	t.Helper()
	require.NoError(t, err)
}
