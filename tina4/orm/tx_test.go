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
				if n != 1 {
					t.Errorf("count inside = %d", n)
				}
				return err
			})
			must(t, err)
			if count() != 1 {
				t.Fatal("commit lost the row")
			}
		})
		t.Run("rollback on error", func(t *testing.T) {
			boom := errors.New("boom")
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				must(t, orm.Save(ctx, &Note{Title: "b"}))
				return boom
			})
			if !errors.Is(err, boom) || count() != 1 {
				t.Fatalf("err %v, count %d", err, count())
			}
		})
		t.Run("rollback on panic", func(t *testing.T) {
			func() {
				defer func() {
					if recover() == nil {
						t.Fatal("panic swallowed")
					}
				}()
				_ = orm.Transaction(ctx, func(ctx context.Context) error {
					must(t, orm.Save(ctx, &Note{Title: "c"}))
					panic("boom")
				})
			}()
			if count() != 1 {
				t.Fatal("panic did not roll back")
			}
		})
		t.Run("nested joins the outer", func(t *testing.T) {
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				must(t, orm.Save(ctx, &Note{Title: "d"}))
				return orm.Transaction(ctx, func(ctx context.Context) error {
					must(t, orm.Save(ctx, &Note{Title: "e"}))
					return errors.New("inner fails")
				})
			})
			if err == nil || count() != 1 {
				t.Fatalf("err %v, count %d", err, count())
			}
		})
		t.Run("statements are logged", func(t *testing.T) {
			log.Reset()
			must(t, orm.Transaction(ctx, func(ctx context.Context) error { return orm.Save(ctx, &Note{Title: "f"}) }))
			if log.Count() != 3 || !strings.HasPrefix(log.queries[1], "INSERT INTO") || log.Last() != "COMMIT" {
				t.Fatalf("log = %q", log.queries)
			}
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
			t.Errorf("concurrent write failed: %v", err)
		}
		n, err := orm.Count[Note](ctx, "", nil)
		must(t, err)
		if n != workers*each {
			t.Fatalf("%d rows, want %d", n, workers*each)
		}
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
			if n != 1 {
				t.Fatalf("count = %d", n)
			}
			if tt.file != "" {
				if _, err := os.Stat(tt.file); err != nil {
					t.Fatalf("file not created: %v", err)
				}
				rows, err := orm.QueryMaps(ctx, "PRAGMA journal_mode")
				must(t, err)
				if rows[0]["journal_mode"] != "wal" {
					t.Fatalf("journal_mode = %v", rows[0])
				}
				fk, err := orm.QueryMaps(ctx, "PRAGMA foreign_keys")
				must(t, err)
				if fk[0]["foreign_keys"] != int64(1) {
					t.Fatalf("foreign_keys = %v", fk[0])
				}
			}
		})
	}
	t.Run("unknown scheme", func(t *testing.T) {
		_, err := orm.Open("oracle://x")
		if err == nil || !strings.Contains(err.Error(), "supported: sqlite") {
			t.Fatalf("err = %v", err)
		}
	})
}
