package orm_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// fastRetry keeps the tests' pauses short.
var fastRetry = orm.RetryPolicy{Attempts: 4, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

func TestTransactionRetriesWhatTheDatabaseAborted(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		runs  int
		inner bool // returned by an inner Transaction
	}{
		{"PostgreSQL serialization failure", &pgconn.PgError{Code: "40001"}, 4, false},
		{"PostgreSQL deadlock", &pgconn.PgError{Code: "40P01"}, 4, false},
		{"MySQL deadlock", &mysql.MySQLError{Number: 1213}, 4, false},
		{"MySQL lock wait timeout", fmt.Errorf("orm: save: %w", &mysql.MySQLError{Number: 1205}), 4, false},
		{"through an inner transaction: retried by the outer one only", &pgconn.PgError{Code: "40001"}, 4, true},
		{"unique violation: not retried", &pgconn.PgError{Code: "23505"}, 1, false},
		{"MySQL duplicate: not retried", &mysql.MySQLError{Number: 1062}, 1, false},
		{"the app's own error: not retried", errors.New("boom"), 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := orm.Open("sqlite::memory:", orm.WithRetry(fastRetry))
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			ctx := orm.WithDB(context.Background(), db)
			var runs, innerRuns int
			err = orm.Transaction(ctx, func(ctx context.Context) error {
				runs++
				if tt.inner {
					return orm.Transaction(ctx, func(context.Context) error { innerRuns++; return tt.err })
				}
				return tt.err
			})
			require.ErrorIs(t, err, tt.err, "the last attempt's error comes back")
			assert.Equal(t, tt.runs, runs)
			if tt.inner {
				assert.Equal(t, tt.runs, innerRuns, "the inner function runs once per outer attempt")
			}
		})
	}
	t.Run("succeeds on a later attempt", func(t *testing.T) {
		db, err := orm.Open("sqlite::memory:", orm.WithRetry(fastRetry))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		runs := 0
		err = db.Transaction(context.Background(), func(context.Context) error {
			if runs++; runs < 3 {
				return &pgconn.PgError{Code: "40001"}
			}
			return nil
		})
		require.NoError(t, err)
		assert.Equal(t, 3, runs)
	})
	t.Run("a cancelled context stops the retries", func(t *testing.T) {
		db, err := orm.Open("sqlite::memory:", orm.WithRetry(orm.RetryPolicy{Attempts: 100, BaseDelay: time.Hour}))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		ctx, cancel := context.WithCancel(context.Background())
		runs := 0
		err = db.Transaction(ctx, func(context.Context) error { runs++; cancel(); return &pgconn.PgError{Code: "40001"} })
		require.Error(t, err)
		assert.Equal(t, 1, runs)
	})
	t.Run("Attempts 1 turns retrying off", func(t *testing.T) {
		db, err := orm.Open("sqlite::memory:", orm.WithRetry(orm.RetryPolicy{Attempts: 1}))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		runs := 0
		err = db.Transaction(context.Background(), func(context.Context) error { runs++; return &pgconn.PgError{Code: "40001"} })
		require.Error(t, err)
		assert.Equal(t, 1, runs)
	})
}

// collide runs body twice at once, as two transactions on db; on their
// first attempts both reach the barrier before either goes on, so they
// conflict. It returns the two errors and the runs of body in all.
func collide(t *testing.T, ctx context.Context, body func(ctx context.Context, who int, barrier func()) error) ([2]error, int64) {
	t.Helper()
	var (
		runs    atomic.Int64
		errs    [2]error
		wg      sync.WaitGroup
		arrived sync.WaitGroup
	)
	arrived.Add(2)
	for who := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := true
			errs[who] = orm.Transaction(ctx, func(ctx context.Context) error {
				runs.Add(1)
				barrier := func() {}
				if first {
					first = false
					barrier = func() {
						arrived.Done()
						done := make(chan struct{})
						go func() { arrived.Wait(); close(done) }()
						select {
						case <-done:
						case <-time.After(10 * time.Second):
						}
					}
				}
				return body(ctx, who, barrier)
			})
		}()
	}
	wg.Wait()
	return errs, runs.Load()
}

func TestTransactionRetriesRealConflicts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		var setup []string
		var body func(ctx context.Context, who int, barrier func()) error
		switch dbtest.Engine(t) {
		case "postgres":
			// Write skew under SERIALIZABLE: each reads the total, then
			// adds a row; PostgreSQL aborts one of them with 40001.
			setup = []string{"CREATE TABLE ledger (id SERIAL PRIMARY KEY, amount INT NOT NULL)", "INSERT INTO ledger (amount) VALUES (10)"}
			body = func(ctx context.Context, who int, barrier func()) error {
				if _, err := orm.Exec(ctx, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"); err != nil {
					return err
				}
				if _, err := orm.QueryMaps(ctx, "SELECT SUM(amount) AS total FROM ledger"); err != nil {
					return err
				}
				barrier()
				_, err := orm.Exec(ctx, "INSERT INTO ledger (amount) VALUES (?)", who+1)
				return err
			}
		case "mysql":
			// A deadlock: each updates one row, then the other's; InnoDB
			// rolls one back with 1213.
			setup = []string{"CREATE TABLE ledger (id INT PRIMARY KEY, amount INT NOT NULL) ENGINE=InnoDB", "INSERT INTO ledger VALUES (1, 0), (2, 0)"}
			body = func(ctx context.Context, who int, barrier func()) error {
				first, second := 1+who, 2-who
				if _, err := orm.Exec(ctx, "UPDATE ledger SET amount = amount + 1 WHERE id = ?", first); err != nil {
					return err
				}
				barrier()
				_, err := orm.Exec(ctx, "UPDATE ledger SET amount = amount + 1 WHERE id = ?", second)
				return err
			}
		default:
			t.Skip("SQLite has one writer: its transactions queue and never conflict")
		}
		for _, tt := range []struct {
			name   string
			policy orm.RetryPolicy
		}{
			// Retries of the two may meet each other again on a busy machine:
			// enough attempts, with jitter, that they drift apart.
			{"retried", orm.RetryPolicy{Attempts: 10, BaseDelay: 2 * time.Millisecond, MaxDelay: 50 * time.Millisecond}},
			{"not retried", orm.RetryPolicy{Attempts: 1}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				db, err := orm.Open(dbtest.URL(t), orm.WithRetry(tt.policy))
				require.NoError(t, err)
				t.Cleanup(func() { db.Close() })
				ctx := orm.WithDB(context.Background(), db)
				for _, q := range setup {
					_, err := orm.Exec(ctx, q)
					require.NoError(t, err, q)
				}
				errs, runs := collide(t, ctx, body)
				if tt.policy.Attempts == 1 {
					failed := 0
					for _, err := range errs {
						if err != nil {
							failed++
						}
					}
					assert.Equal(t, 1, failed, "one of the two is aborted: %v", errs)
					assert.EqualValues(t, 2, runs)
					return
				}
				require.NoError(t, errs[0])
				require.NoError(t, errs[1])
				// The aborted one ran again; on a busy machine its retry may
				// meet the other still running and be aborted once more.
				assert.GreaterOrEqual(t, runs, int64(3), "the aborted one ran again")
				assert.LessOrEqual(t, runs, int64(2*tt.policy.Attempts), "within the attempts")
				rows, err := orm.QueryMaps(ctx, "SELECT SUM(amount) AS total FROM ledger")
				require.NoError(t, err)
				want := map[string]int64{"postgres": 13, "mysql": 4}[dbtest.Engine(t)]
				assert.EqualValues(t, fmt.Sprint(want), fmt.Sprint(rows[0]["total"]))
			})
		}
	})
}
