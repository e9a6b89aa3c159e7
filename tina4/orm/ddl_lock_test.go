package orm_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Apps starting together on one database each create the tables: none of
// them fails (PostgreSQL's CREATE TABLE IF NOT EXISTS races without a lock).
func TestCreateTablesFromSeveralAppsAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		url := dbtest.URL(t)
		const apps = 8
		errs := make([]error, apps)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range apps {
			db, err := orm.Open(url)
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			wg.Go(func() {
				<-start
				errs[i] = orm.CreateTables(orm.WithDB(context.Background(), db))
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			assert.NoError(t, err, "app %d", i+1)
		}
	})
}
