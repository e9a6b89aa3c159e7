package orm_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// updDoc is a model without a version column.
type updDoc struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title"`
	Body      string    `db:"body"`
	Count     int64     `db:"count"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
	orm.SoftDeletes
}

func (updDoc) TableName() string { return "upd_docs" }

// verDoc has a version column and soft delete.
type verDoc struct {
	ID      int64  `db:"id"`
	Title   string `db:"title"`
	Body    string `db:"body"`
	Version int32  `db:"version,version"`
	orm.SoftDeletes
}

func (verDoc) TableName() string { return "ver_docs" }

func TestUpdateWritesOnlyNamedColumns(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[updDoc])
		d := updDoc{Title: "t0", Body: "b0", Count: 1}
		require.NoError(t, orm.Save(ctx, &d))
		created := d.CreatedAt

		// Two copies read before either writes: each changes every field in
		// memory but names one column; both changes survive.
		a, err := orm.Find[updDoc](ctx, d.ID)
		require.NoError(t, err)
		b, err := orm.Find[updDoc](ctx, d.ID)
		require.NoError(t, err)
		a.Title, a.Body, a.Count = "t1", "stale", 99
		b.Title, b.Body, b.Count = "stale", "b1", 99
		time.Sleep(2 * time.Millisecond)
		log.Reset()
		require.NoError(t, orm.Update(ctx, a, "title"))
		assert.NotContains(t, log.Last(), "body")
		assert.Contains(t, log.Last(), "updated_at")
		require.NoError(t, orm.Update(ctx, b, "Body")) // a Go field name works too

		got, err := orm.Find[updDoc](ctx, d.ID)
		require.NoError(t, err)
		assert.Equal(t, "t1", got.Title)
		assert.Equal(t, "b1", got.Body)
		assert.Equal(t, int64(1), got.Count)
		assert.True(t, got.CreatedAt.Equal(created), "auto_now_add kept")
		assert.True(t, got.UpdatedAt.After(created), "auto_now stamped: %v after %v", got.UpdatedAt, created)
		assert.True(t, got.UpdatedAt.Equal(b.UpdatedAt), "the stamp is set on the value too")

		// No columns: only the automatic ones; the row must exist.
		require.NoError(t, orm.Update(ctx, got))
	})
}

func TestUpdateErrors(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[updDoc], orm.CreateTable[verDoc])
		d := updDoc{Title: "t0"}
		require.NoError(t, orm.Save(ctx, &d))
		v := verDoc{Title: "v0"}
		require.NoError(t, orm.Save(ctx, &v))
		for _, tt := range []struct {
			name  string
			value any
			col   string
		}{
			{"unknown column", &d, "nope"},
			{"primary key", &d, "id"},
			{"auto_now_add", &d, "created_at"},
			{"soft delete", &d, "deleted_at"},
			{"version", &v, "version"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				var err error
				switch x := tt.value.(type) {
				case *updDoc:
					x.Title = "changed"
					err = orm.Update(ctx, x, "title", tt.col)
				case *verDoc:
					x.Title = "changed"
					err = orm.Update(ctx, x, "title", tt.col)
				}
				require.ErrorIs(t, err, orm.ErrInvalid)
				assert.Equal(t, errkind.Invalid, errkind.Of(err))
			})
		}
		got, _ := orm.Find[updDoc](ctx, d.ID)
		assert.Equal(t, "t0", got.Title, "nothing written")

		missing := updDoc{ID: 999, Title: "x"}
		assert.ErrorIs(t, orm.Update(ctx, &missing, "title"), orm.ErrNotFound)
		require.NoError(t, orm.Delete(ctx, &d)) // soft delete
		assert.ErrorIs(t, orm.Update(ctx, &d, "title"), orm.ErrNotFound)
		assert.ErrorIs(t, orm.Update(ctx, &d), orm.ErrNotFound)
	})
}

func TestVersionColumn(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[verDoc])
		d := verDoc{Title: "t0", Version: 7}
		require.NoError(t, orm.Save(ctx, &d))
		assert.Equal(t, int32(1), d.Version, "set to 1 on insert")
		stored, _ := orm.Find[verDoc](ctx, d.ID)
		assert.Equal(t, int32(1), stored.Version)

		stale, _ := orm.Find[verDoc](ctx, d.ID)
		d.Title = "t1"
		require.NoError(t, orm.Save(ctx, &d))
		assert.Equal(t, int32(2), d.Version, "incremented by Save")
		d.Body = "b1"
		require.NoError(t, orm.Update(ctx, &d, "body"))
		assert.Equal(t, int32(3), d.Version, "incremented by Update")

		// Every write of the stale copy fails and writes nothing.
		writes := []struct {
			name  string
			write func() error
		}{
			{"Save", func() error { stale.Title = "lost"; return orm.Save(ctx, stale) }},
			{"Update", func() error { stale.Body = "lost"; return orm.Update(ctx, stale, "body") }},
			{"Update without columns", func() error { return orm.Update(ctx, stale) }},
			{"Delete", func() error { return orm.Delete(ctx, stale) }},
			{"ForceDelete", func() error { return orm.ForceDelete(ctx, stale) }},
		}
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				err := w.write()
				require.ErrorIs(t, err, orm.ErrStale)
				assert.Equal(t, errkind.Conflict, errkind.Of(err))
				assert.False(t, errors.Is(err, orm.ErrNotFound))
				assert.Equal(t, int32(1), stale.Version, "a failed write leaves the version alone")
			})
		}
		got, err := orm.Find[verDoc](ctx, d.ID)
		require.NoError(t, err)
		require.NotNil(t, got, "the stale deletes deleted nothing")
		assert.Equal(t, verDoc{ID: d.ID, Title: "t1", Body: "b1", Version: 3}, *got)

		// Soft delete and restore check and move the version on.
		require.NoError(t, orm.Delete(ctx, got))
		assert.Equal(t, int32(4), got.Version)
		assert.ErrorIs(t, orm.Restore(ctx, &d), orm.ErrStale, "d still holds version 3")
		require.NoError(t, orm.Restore(ctx, got))
		assert.Equal(t, int32(5), got.Version)

		// A row that is not there is ErrNotFound, not ErrStale.
		gone := verDoc{ID: 999, Title: "x", Version: 1}
		assert.ErrorIs(t, orm.Save(ctx, &gone), orm.ErrNotFound)
		assert.ErrorIs(t, orm.Delete(ctx, &gone), orm.ErrNotFound)
		require.NoError(t, orm.ForceDelete(ctx, got))
		assert.ErrorIs(t, orm.Update(ctx, got, "title"), orm.ErrNotFound)
	})
}

// TestForUpdate runs read-modify-write cycles of one counter from several
// goroutines, each in a transaction that reads the row with ForUpdate: no
// increment is lost. Without the lock, two transactions on PostgreSQL or
// MySQL read the same count and one increment is lost.
func TestForUpdate(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[updDoc])
		d := updDoc{Title: "counter"}
		require.NoError(t, orm.Save(ctx, &d))

		_, err := orm.Find[updDoc](ctx, d.ID, orm.ForUpdate())
		require.ErrorIs(t, err, orm.ErrInvalid, "ForUpdate needs a transaction")

		const workers, rounds = 4, 10
		var wg sync.WaitGroup
		errs := make(chan error, workers*rounds)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < rounds; i++ {
					errs <- orm.Transaction(ctx, func(ctx context.Context) error {
						row, err := orm.Find[updDoc](ctx, d.ID, orm.ForUpdate())
						if err != nil {
							return err
						}
						row.Count++
						return orm.Update(ctx, row, "count")
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		got, err := orm.Find[updDoc](ctx, d.ID)
		require.NoError(t, err)
		assert.Equal(t, int64(workers*rounds), got.Count)
	})
}

func TestVersionTagErrors(t *testing.T) {
	type strVersion struct {
		ID      int64  `db:"id"`
		Version string `db:"version,version"`
	}
	type ptrVersion struct {
		ID      int64  `db:"id"`
		Version *int64 `db:"version,version"`
	}
	type twoVersions struct {
		ID int64 `db:"id"`
		A  int64 `db:"a,version"`
		B  int64 `db:"b,version"`
	}
	type pkVersion struct {
		ID int64 `db:"id,pk,version"`
	}
	for _, tt := range []struct {
		name  string
		model func() (*orm.Model, error)
		want  string
	}{
		{"string", orm.ModelOf[strVersion], "version needs a non-null integer field"},
		{"pointer", orm.ModelOf[ptrVersion], "version needs a non-null integer field"},
		{"two", orm.ModelOf[twoVersions], "a second version column"},
		{"primary key", orm.ModelOf[pkVersion], "version needs a non-null integer field that is not the primary key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.model()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	type withDefault struct {
		ID      int64 `db:"id"`
		Version int64 `db:"version,version" default:"1"`
	}
	_, err := orm.ModelOf[withDefault]()
	require.NoError(t, err, "a default for the version column")
	m, err := orm.ModelOf[verDoc]()
	require.NoError(t, err)
	require.NotNil(t, m.Version)
	assert.Equal(t, "version", m.Version.Column)
	assert.False(t, m.Version.Writable(), "clients may not set the version")
}

// TestUpdateSQL pins the statements of Update, Save and Find with ForUpdate
// on a model with a version column and soft delete, per engine.
func TestUpdateSQL(t *testing.T) {
	want := map[string][]string{
		"sqlite": {
			`UPDATE "ver_docs" SET "title" = ?, "version" = "version" + 1 WHERE "id" = ? AND "deleted_at" IS NULL AND "version" = ?`,
			`UPDATE "ver_docs" SET "title" = ?, "body" = ?, "version" = "version" + 1 WHERE "id" = ? AND "deleted_at" IS NULL AND "version" = ?`,
			`SELECT "ver_docs"."id", "ver_docs"."title", "ver_docs"."body", "ver_docs"."version", "ver_docs"."deleted_at" FROM "ver_docs" WHERE "ver_docs"."id" = ? AND "ver_docs"."deleted_at" IS NULL`,
		},
		"postgres": {
			`UPDATE "ver_docs" SET "title" = $1, "version" = "version" + 1 WHERE "id" = $2 AND "deleted_at" IS NULL AND "version" = $3`,
			`UPDATE "ver_docs" SET "title" = $1, "body" = $2, "version" = "version" + 1 WHERE "id" = $3 AND "deleted_at" IS NULL AND "version" = $4`,
			`SELECT "ver_docs"."id", "ver_docs"."title", "ver_docs"."body", "ver_docs"."version", "ver_docs"."deleted_at" FROM "ver_docs" WHERE "ver_docs"."id" = $1 AND "ver_docs"."deleted_at" IS NULL FOR UPDATE`,
		},
		"mysql": {
			"UPDATE `ver_docs` SET `title` = ?, `version` = `version` + 1 WHERE `id` = ? AND `deleted_at` IS NULL AND `version` = ?",
			"UPDATE `ver_docs` SET `title` = ?, `body` = ?, `version` = `version` + 1 WHERE `id` = ? AND `deleted_at` IS NULL AND `version` = ?",
			"SELECT `ver_docs`.`id`, `ver_docs`.`title`, `ver_docs`.`body`, `ver_docs`.`version`, `ver_docs`.`deleted_at` FROM `ver_docs` WHERE `ver_docs`.`id` = ? AND `ver_docs`.`deleted_at` IS NULL FOR UPDATE",
		},
	}
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[verDoc])
		d := verDoc{Title: "t0"}
		require.NoError(t, orm.Save(ctx, &d))
		var got []string
		require.NoError(t, orm.Update(ctx, &d, "title"))
		got = append(got, log.Last())
		require.NoError(t, orm.Save(ctx, &d))
		got = append(got, log.Last())
		require.NoError(t, orm.Transaction(ctx, func(ctx context.Context) error {
			_, err := orm.Find[verDoc](ctx, d.ID, orm.ForUpdate())
			got = append(got, log.Last())
			return err
		}))
		assert.Equal(t, want[dbtest.Engine(t)], got)
	})
}

// Bulk writes move the version on too, so a copy read before them is stale
// for Save; InsertMany starts rows at version 1 as Save does; a bulk Update
// may not set the version, soft-delete or auto_now_add columns itself.
func TestVersionColumnBulkWrites(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[verDoc])
		rows := []verDoc{{Title: "a"}, {Title: "b"}}
		require.NoError(t, orm.InsertMany(ctx, rows))
		for _, r := range rows {
			assert.Equal(t, int32(1), r.Version, "InsertMany sets the version to 1")
		}
		stale, err := orm.Find[verDoc](ctx, rows[0].ID)
		require.NoError(t, err)

		n, err := orm.Query[verDoc](ctx).Filter("id", rows[0].ID).Update(map[string]any{"title": "bulk"})
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
		fresh, err := orm.Find[verDoc](ctx, rows[0].ID)
		require.NoError(t, err)
		assert.Equal(t, int32(2), fresh.Version, "a bulk Update moves the version on")
		stale.Body = "from a stale copy"
		assert.ErrorIs(t, orm.Save(ctx, stale), orm.ErrStale, "the bulk update is not lost")

		n, err = orm.Query[verDoc](ctx).Filter("id", rows[1].ID).Delete()
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
		gone, err := orm.Query[verDoc](ctx).WithTrashed().Filter("id", rows[1].ID).First()
		require.NoError(t, err)
		assert.Equal(t, int32(2), gone.Version, "a bulk soft delete moves the version on")

		for _, col := range []string{"version", "deleted_at"} {
			_, err := orm.Query[verDoc](ctx).Update(map[string]any{col: nil})
			assert.ErrorIs(t, err, orm.ErrInvalid, col)
		}
	})
}
