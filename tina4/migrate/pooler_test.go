package migrate_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Behind PgBouncer (orm.WithPooler) the lock is a transaction-level one:
// concurrent runs still apply each file once; a pool of one connection is
// refused with a reason instead of waiting for itself. (Through a real
// PgBouncer: internal/scaletest's TestThreeInstances.)
func TestUpBehindAPooler(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		if dbtest.Engine(t) != "postgres" {
			t.Skip("the pooler setting is PostgreSQL's")
		}
		url := dbtest.URL(t)
		fsys := forEngine(t, clone(baseFiles))
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			applied []string
		)
		for range 3 {
			db, err := orm.Open(url, orm.WithPooler(orm.PoolerPgBouncer))
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			wg.Go(func() {
				res, err := migrate.New(db, fsys).Up(context.Background())
				assert.NoError(t, err)
				mu.Lock()
				applied = append(applied, res.IDs...)
				mu.Unlock()
			})
		}
		wg.Wait()
		assert.Len(t, applied, 2, "each of the 2 files once: %v", applied)

		db, err := orm.Open(dbtest.URL(t), orm.WithPooler(orm.PoolerPgBouncer), orm.WithPool(orm.PoolConfig{MaxOpen: 1, MaxIdle: 1}))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		_, err = migrate.New(db, fsys).Up(context.Background())
		require.ErrorContains(t, err, "DATABASE_MAX_OPEN_CONNS must be at least 2")
	})
}
