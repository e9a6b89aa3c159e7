package orm_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestTransaction(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Note])
		count := func() int {
			n, err := orm.Count[Note](ctx, "", nil)
			must(t, err)
			return n
		}
		t.Run("commit", func(t *testing.T) {
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				must(t, orm.Save(ctx, &Note{Title: "a"}))
				n, err := orm.Count[Note](ctx, "", nil) // reads inside see the write
				assert.Equal(t, 1, n, "count inside")
				return err
			})
			must(t, err)
			require.Equal(t, 1, count(), "commit lost the row")
		})
		t.Run("rollback on error", func(t *testing.T) {
			boom := errors.New("boom")
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				must(t, orm.Save(ctx, &Note{Title: "b"}))
				return boom
			})
			require.ErrorIs(t, err, boom, "err %v, count %d", err, count())
			require.Equal(t, 1, count(), "err %v, count %d", err, count())
		})
		t.Run("rollback on panic", func(t *testing.T) {
			func() {
				defer func() {
					require.NotEqual(t, nil, recover(), "panic swallowed")
				}()
				_ = orm.Transaction(ctx, func(ctx context.Context) error {
					must(t, orm.Save(ctx, &Note{Title: "c"}))
					panic("boom")
				})
			}()
			require.Equal(t, 1, count(), "panic did not roll back")
		})
		t.Run("nested joins the outer", func(t *testing.T) {
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				must(t, orm.Save(ctx, &Note{Title: "d"}))
				return orm.Transaction(ctx, func(ctx context.Context) error {
					must(t, orm.Save(ctx, &Note{Title: "e"}))
					return errors.New("inner fails")
				})
			})
			require.Error(t, err, "err %v, count %d", err, count())
			require.Equal(t, 1, count(), "err %v, count %d", err, count())
		})
		t.Run("statements are logged", func(t *testing.T) {
			log.Reset()
			must(t, orm.Transaction(ctx, func(ctx context.Context) error { return orm.Save(ctx, &Note{Title: "f"}) }))
			require.Equal(t, 3, log.Count(), "log = %q", log.queries)
			require.True(t, strings.HasPrefix(log.queries[1], "INSERT INTO"), "log = %q", log.queries)
			require.Equal(t, "COMMIT", log.Last(), "log = %q", log.queries)
		})
	})
}

// TestConcurrentWriters hammers one SQLite file from many goroutines, with
// plain writes, transactions and reads mixed: none may fail with
// "database is locked", and every write must be there afterwards.
func TestConcurrentWriters(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		const workers, each = 16, 25
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; i < each; i++ {
					var err error
					switch i % 3 {
					case 0:
						err = orm.Save(ctx, &Note{Title: fmt.Sprintf("w%d-%d", w, i)})
					case 1:
						err = orm.Transaction(ctx, func(ctx context.Context) error {
							n := Note{Title: fmt.Sprintf("w%d-%d", w, i)}
							if err := orm.Save(ctx, &n); err != nil {
								return err
							}
							n.Views++
							return orm.Save(ctx, &n)
						})
					default:
						err = orm.Save(ctx, &Note{Title: fmt.Sprintf("w%d-%d", w, i)})
						if err == nil {
							_, _, err = orm.All[Note](ctx, orm.Limit(5))
						}
					}
					if err != nil {
						errs <- err
					}
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			assert.Fail(t, fmt.Sprintf("concurrent write failed: %v", err))
		}
		n, err := orm.Count[Note](ctx, "", nil)
		must(t, err)
		require.Equal(t, workers*each, n, "%d rows, want %d", n, workers*each)
	})
}

func TestOpenURLs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tests := []struct {
		name, url string
		file      string
	}{
		{"relative path creates its folder", "sqlite:///data/app.db", filepath.Join(dir, "data", "app.db")},
		{"absolute path", "sqlite:///" + filepath.Join(dir, "abs.db"), filepath.Join(dir, "abs.db")},
		{"memory", "sqlite::memory:", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := orm.Open(tt.url)
			must(t, err)
			defer db.Close()
			ctx := orm.WithDB(context.Background(), db)
			must(t, orm.CreateTable[Note](ctx))
			must(t, orm.Save(ctx, &Note{Title: "x"}))
			n, err := orm.Count[Note](ctx, "", nil)
			must(t, err)
			require.Equal(t, 1, n, "count")
			if tt.file != "" {
				if _, err := os.Stat(tt.file); err != nil {
					require.NoError(t, err, "file not created")
				}
				rows, err := orm.QueryMaps(ctx, "PRAGMA journal_mode")
				must(t, err)
				require.Equal(t, "wal", rows[0]["journal_mode"], "journal_mode = %v", rows[0])
				fk, err := orm.QueryMaps(ctx, "PRAGMA foreign_keys")
				must(t, err)
				require.Equal(t, int64(1), fk[0]["foreign_keys"], "foreign_keys = %v", fk[0])
			}
		})
	}
	t.Run("unknown scheme", func(t *testing.T) {
		_, err := orm.Open("oracle://x")
		require.Error(t, err, "err")
		require.Contains(t, err.Error(), "supported: sqlite", "err")
	})
}
