package orm_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Member maps a table made by a migration, with database defaults.
type Member struct {
	ID     int64         `db:"id"`
	Name   string        `db:"name"`
	Status *string       `db:"status"`
	Score  sql.NullInt64 `db:"score"`
	Note   *string       `db:"note"`
}

func (Member) TableName() string { return "members" }

// Lonely has nothing but its generated key.
type Lonely struct {
	ID int64 `db:"id"`
}

func createMembers(t *testing.T, ctx context.Context) {
	t.Helper()
	id := map[string]string{
		"sqlite":   "id INTEGER PRIMARY KEY AUTOINCREMENT",
		"postgres": "id BIGSERIAL PRIMARY KEY",
		"mysql":    "id BIGINT AUTO_INCREMENT PRIMARY KEY",
	}[dialectName(t, ctx)]
	_, err := orm.Exec(ctx, "CREATE TABLE members ("+id+", name VARCHAR(50) NOT NULL, "+
		"status VARCHAR(20) NOT NULL DEFAULT 'active', score INTEGER DEFAULT 5, note VARCHAR(20))")
	require.NoError(t, err)
}

func TestInsertKeepsDatabaseDefaults(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t)
		createMembers(t, ctx)
		banned := "banned"
		t.Run("save", func(t *testing.T) {
			m := Member{Name: "ann"}
			require.NoError(t, orm.Save(ctx, &m))
			require.NotNil(t, m.Status)
			assert.Equal(t, "active", *m.Status)
			assert.Equal(t, sql.NullInt64{Int64: 5, Valid: true}, m.Score)
			assert.Nil(t, m.Note)
			got, err := orm.Find[Member](ctx, m.ID)
			require.NoError(t, err)
			assert.Equal(t, m, *got)

			set := Member{Name: "bob", Status: &banned, Score: sql.NullInt64{Int64: 0, Valid: true}}
			require.NoError(t, orm.Save(ctx, &set))
			got, err = orm.Find[Member](ctx, set.ID)
			require.NoError(t, err)
			assert.Equal(t, "banned", *got.Status)
			assert.Equal(t, sql.NullInt64{Int64: 0, Valid: true}, got.Score)
		})
		t.Run("insert many", func(t *testing.T) {
			rows := []Member{{Name: "c"}, {Name: "d", Status: &banned}, {Name: "e"}, {ID: 90, Name: "f"}}
			require.NoError(t, orm.InsertMany(ctx, rows))
			for _, r := range rows {
				got, err := orm.Find[Member](ctx, r.ID)
				require.NoError(t, err)
				require.NotNil(t, got, r.Name)
				assert.Equal(t, *got, r, "the slice holds what the row holds")
			}
			assert.Equal(t, "active", *rows[0].Status)
			assert.Equal(t, "banned", *rows[1].Status)
			assert.EqualValues(t, 5, rows[3].Score.Int64)
		})
	})
}

func TestSaveOnlyGeneratedKey(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Lonely])
		a, b := Lonely{}, Lonely{}
		require.NoError(t, orm.Save(ctx, &a))
		require.NoError(t, orm.Save(ctx, &b))
		assert.NotZero(t, a.ID)
		assert.Greater(t, b.ID, a.ID)
		many := make([]Lonely, 3)
		require.NoError(t, orm.InsertMany(ctx, many))
		assert.Equal(t, many[0].ID+2, many[2].ID)
		n, err := orm.Query[Lonely](ctx).Count()
		require.NoError(t, err)
		assert.Equal(t, 5, n)
	})
}
