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
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := WithDB(context.Background(), db)
	if err := CreateTable[cacheItem](ctx); err != nil {
		t.Fatal(err)
	}
	return ctx, db
}

func TestStatementCacheReusesStatements(t *testing.T) {
	ctx, db := cacheDB(t)
	if db.wstmts == nil || db.rstmts == nil || db.wstmts == db.rstmts || db.txStmts != db.wstmts {
		t.Fatalf("SQLite file: want a writer cache, a separate reader cache and transactions on the writer's")
	}
	if n := db.wstmts.len() + db.rstmts.len(); n != 0 {
		t.Fatalf("DDL was cached: %d statements", n)
	}
	for i := range 3 {
		it := cacheItem{Name: fmt.Sprintf("ünï %d", i)}
		check(t, Save(ctx, &it))
		got, err := Find[cacheItem](ctx, it.ID)
		if err != nil || got == nil || got.Name != it.Name {
			t.Fatalf("Find(%d) = %+v, %v", it.ID, got, err)
		}
	}
	if w, r := db.wstmts.len(), db.rstmts.len(); w != 1 || r != 1 {
		t.Fatalf("after 3 inserts and 3 finds: %d writer and %d reader statements, want 1 and 1", w, r)
	}
	if _, err := Find[cacheItem](ctx, 99); err != nil {
		t.Fatal(err)
	}
	if n, err := Count[cacheItem](ctx, "name LIKE ?", []any{"ünï%"}); err != nil || n != 3 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	if r := db.rstmts.len(); r != 2 {
		t.Fatalf("reader statements = %d, want 2 (find, count)", r)
	}
	// Raw SQL from the app is not kept prepared.
	if _, err := Exec(ctx, "UPDATE cache_items SET name = name || ? WHERE id = ?", "!", 1); err != nil {
		t.Fatal(err)
	}
	if w := db.wstmts.len(); w != 1 {
		t.Fatalf("raw Exec was cached: %d writer statements", w)
	}
}

func TestStatementCacheIsBounded(t *testing.T) {
	ctx, db := cacheDB(t)
	db.rstmts.max = 3
	check(t, Save(ctx, &cacheItem{Name: "a"}))
	for i := range 10 {
		// Ten distinct statements through a cache of three.
		n, err := Count[cacheItem](ctx, fmt.Sprintf("id > %d - %d", i, i), nil)
		if err != nil || n != 1 {
			t.Fatalf("Count #%d = %d, %v", i, n, err)
		}
		if got := db.rstmts.len(); got > 3 {
			t.Fatalf("cache holds %d statements, max 3", got)
		}
	}
}

func TestStatementCacheEvictsOnlyUnusedStatements(t *testing.T) {
	ctx, db := cacheDB(t)
	c := db.rstmts
	c.max = 1
	check(t, Save(ctx, &cacheItem{Name: "a"}))
	markFixed(`SELECT name FROM cache_items WHERE id = ?`, `SELECT id FROM cache_items WHERE name = ?`)
	held, err := c.acquire(ctx, `SELECT name FROM cache_items WHERE id = ?`)
	if err != nil {
		t.Fatal(err)
	}
	other, err := c.acquire(ctx, `SELECT id FROM cache_items WHERE name = ?`) // evicts held
	if err != nil {
		t.Fatal(err)
	}
	other.release()
	if !held.evicted.Load() || held.done.Load() {
		t.Fatalf("held statement: evicted %v, closed %v; want evicted and still open", held.evicted.Load(), held.done.Load())
	}
	var name string
	if err := held.stmt.QueryRowContext(ctx, 1).Scan(&name); err != nil || name != "a" {
		t.Fatalf("evicted statement in use: %q, %v", name, err)
	}
	held.release()
	if !held.done.Load() {
		t.Fatal("evicted statement not closed after its last use")
	}
	if cs := c.lookup(`SELECT name FROM cache_items WHERE id = ?`); cs != nil {
		t.Fatal("evicted statement still found")
	}
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
		t.Error(err)
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
	if w := db.wstmts.len(); w != 2 {
		t.Fatalf("after commit: %d writer statements, want 2 (insert, count)", w)
	}
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
	if !errors.Is(err, boom) {
		t.Fatalf("Transaction = %v, want boom", err)
	}
	if n, err := Count[cacheItem](ctx, "", nil); err != nil || n != 2 {
		t.Fatalf("after rollback: count = %d, %v; want 2", n, err)
	}
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
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate insert: %v, want ErrConflict", err)
	}
	_, err = Query[cacheItem](ctx).Where("no_such_column = ?", 1).Get() // fails to prepare
	if err == nil || !strings.Contains(err.Error(), "no_such_column") {
		t.Fatalf("bad column: %v", err)
	}
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	if n := strings.Count(out, "INSERT INTO"); n != 2 {
		t.Errorf("log has %d INSERT lines, want 2:\n%s", n, out)
	}
	if !strings.Contains(out, "UNIQUE") || !strings.Contains(out, "no_such_column") {
		t.Errorf("log lacks the errors:\n%s", out)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestStatementCacheClosesWithTheDB(t *testing.T) {
	ctx, db := cacheDB(t)
	check(t, Save(ctx, &cacheItem{Name: "a"}))
	if _, err := Find[cacheItem](ctx, 1); err != nil {
		t.Fatal(err)
	}
	var stmts []*cachedStmt
	for _, c := range []*stmtCache{db.wstmts, db.rstmts} {
		c.stmts.Range(func(_, v any) bool { stmts = append(stmts, v.(*cachedStmt)); return true })
	}
	check(t, db.Close())
	for _, cs := range stmts {
		if !cs.done.Load() {
			t.Errorf("statement %p open after Close", cs.stmt)
		}
	}
	if db.wstmts.len() != 0 || db.rstmts.len() != 0 {
		t.Error("caches not emptied by Close")
	}
}

func TestStatementCachePerEngine(t *testing.T) {
	mem, err := Open("sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if mem.wstmts == nil || mem.rstmts != mem.wstmts {
		t.Error("sqlite memory: want one cache for its one pool")
	}
	if pg := os.Getenv("TINA4_TEST_POSTGRES_URL"); pg != "" {
		db, err := Open(pg)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.wstmts != nil || db.rstmts != nil || db.txStmts != nil {
			t.Error("postgres: pgx caches statements itself; the ORM must not")
		}
	}
	if my := os.Getenv("TINA4_TEST_MYSQL_URL"); my != "" {
		db, err := Open(my)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.wstmts == nil || db.txStmts != db.wstmts {
			t.Error("mysql: want a cache")
		}
	}
	// A DB over a transaction prepares nothing for later.
	tx, err := mem.Pool().Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if New(tx, mem.Dialect()).wstmts != nil {
		t.Error("New(tx): want no cache")
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
