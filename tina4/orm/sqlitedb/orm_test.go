package sqlitedb_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)

type smokeShelf struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name,unique" validate:"required"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
}

func (smokeShelf) TableName() string { return "smoke_shelves" }

// The engine through package orm, as an app uses it (with either driver:
// go test -tags sqlite_purego runs this on modernc.org/sqlite): a file
// opened with a writer and readers, rows saved and read back with their
// times, a unique violation as orm's ConstraintError, unicode_lower on
// every connection.
func TestThroughORM(t *testing.T) {
	db, err := orm.Open("sqlite:///" + filepath.Join(t.TempDir(), "smoke.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := orm.WithDB(context.Background(), db)
	require.NoError(t, orm.CreateTable[smokeShelf](ctx))

	s := smokeShelf{Name: "Äpfel"}
	require.NoError(t, orm.Save(ctx, &s))
	got, err := orm.Find[smokeShelf](ctx, s.ID)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, "Äpfel", got.Name)
	assert.WithinDuration(t, s.CreatedAt, got.CreatedAt, time.Microsecond)

	err = orm.Save(ctx, &smokeShelf{Name: "Äpfel"})
	var ce *orm.ConstraintError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "unique", ce.Constraint)
	assert.ErrorIs(t, err, orm.ErrConflict)

	rows, err := orm.QueryMaps(ctx, "SELECT unicode_lower(name) AS v FROM smoke_shelves")
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "äpfel", rows[0]["v"])

	mem, err := orm.Open("sqlite::memory:")
	require.NoError(t, err)
	defer mem.Close()
	require.NoError(t, mem.Ping(context.Background()))
}
