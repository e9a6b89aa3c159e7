package orm_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// A pooled connection killed under the app costs a read one retry on a
// fresh connection, not an error; a write is not retried.
func TestReadRetriesKilledConnection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		if dbtest.Engine(t) == "sqlite" {
			t.Skip("no server connection to kill")
		}
		ctx, db, _ := openTestDB(t, orm.CreateTable[Note])
		n := Note{Title: "kept"}
		require.NoError(t, orm.Save(ctx, &n))
		for k := 1; k <= 4; k++ { // one broken connection, or several
			dbtest.KillConns(t, db.Pool(), k)
			got, err := orm.Find[Note](ctx, n.ID)
			require.NoError(t, err, "Find after %d killed", k)
			require.NotNil(t, got)
			assert.Equal(t, "kept", got.Title)
			dbtest.KillConns(t, db.Pool(), k)
			_, total, err := orm.All[Note](ctx)
			require.NoError(t, err, "All after %d killed", k)
			assert.Equal(t, 1, total)
		}
		// A write is not run twice: it succeeds once, or fails as
		// Unavailable (503) having written nothing.
		dbtest.KillConns(t, db.Pool(), 1)
		err := orm.Save(ctx, &Note{Title: "once"})
		if err != nil {
			assert.Equal(t, errkind.Unavailable, errkind.Of(err), "%v", err)
		}
		_, total, err2 := orm.Where[Note](ctx, "title = ?", []any{"once"})
		require.NoError(t, err2)
		if err == nil {
			assert.Equal(t, 1, total)
		} else {
			assert.Equal(t, 0, total)
		}
	})
}
