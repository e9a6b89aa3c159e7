package orm_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// oneBase is embedded by value in oneRow: its fields lie at an offset
// inside the embedded struct.
type oneBase struct {
	CreatedAt time.Time  `db:"created_at"`
	SeenAt    *time.Time `db:"seen_at"`
}

// oneRow has a field of every codec that Find scans: plain values, a
// pointer, an sql.Null type, times (plain, pointer, NullTime) and a foreign
// key, some of them in an embedded struct.
type oneRow struct {
	ID     int64                       `db:"id"`
	Title  string                      `db:"title"`
	Score  float64                     `db:"score"`
	Flag   bool                        `db:"flag"`
	Nick   *string                     `db:"nick"`
	Note   sql.NullString              `db:"note"`
	Blob   []byte                      `db:"blob"`
	Done   sql.NullTime                `db:"done"`
	Parent orm.NullForeignKey[oneHead] `db:"parent_id" on_delete:"set null"`
	oneBase
}

func (oneRow) TableName() string { return "one_rows" }

// oneHead has a reverse relation, which Find binds to the row's key.
type oneHead struct {
	ID   int64               `db:"id"`
	Name string              `db:"name"`
	Rows orm.HasMany[oneRow] `fk:"parent_id"`
}

func (oneHead) TableName() string { return "one_heads" }

// TestFindScansLikeWhere checks that Find, which scans its one row straight
// into the struct (find_one.go), reads every field as the multi-row scan
// of Where does, NULLs included, and binds the reverse relations.
func TestFindScansLikeWhere(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[oneHead], orm.CreateTable[oneRow])
		head := oneHead{Name: "head"}
		must(t, orm.Save(ctx, &head))
		when := time.Date(2025, 3, 4, 5, 6, 7, 891000, time.UTC)
		nick := "nick"
		full := oneRow{Title: "full", Score: 2.5, Flag: true, Nick: &nick, Note: sql.NullString{String: "n", Valid: true},
			Blob: []byte{0, 1, 2}, Done: sql.NullTime{Time: when, Valid: true}, oneBase: oneBase{CreatedAt: when, SeenAt: &when}}
		must(t, full.Parent.Set(&head))
		must(t, orm.Save(ctx, &full))
		empty := oneRow{Title: "empty", oneBase: oneBase{CreatedAt: when}}
		must(t, orm.Save(ctx, &empty))

		for _, want := range []oneRow{full, empty} {
			t.Run(want.Title, func(t *testing.T) {
				log.Reset()
				got, err := orm.Find[oneRow](ctx, want.ID)
				must(t, err)
				require.NotNil(t, got)
				assert.Equal(t, 1, log.Count(), "one statement")
				many, _, err := orm.Where[oneRow](ctx, "id = ?", []any{want.ID})
				must(t, err)
				require.Len(t, many, 1)
				assert.Equal(t, many[0].Title, got.Title)
				assert.Equal(t, many[0].Score, got.Score)
				assert.Equal(t, many[0].Flag, got.Flag)
				assert.Equal(t, many[0].Nick, got.Nick)
				assert.Equal(t, many[0].Note, got.Note)
				assert.Equal(t, many[0].Blob, got.Blob)
				assert.Equal(t, many[0].Done, got.Done)
				assert.Equal(t, many[0].Parent.ID, got.Parent.ID)
				assert.Equal(t, many[0].CreatedAt, got.CreatedAt)
				assert.Equal(t, many[0].SeenAt, got.SeenAt)

				assert.Equal(t, want.Title, got.Title)
				assert.Equal(t, want.Score, got.Score)
				assert.Equal(t, want.Flag, got.Flag)
				assert.Equal(t, want.Nick, got.Nick)
				assert.Equal(t, want.Note, got.Note)
				assert.Equal(t, want.Done.Valid, got.Done.Valid)
				assert.True(t, got.Done.Time.Equal(want.Done.Time), "done %v, want %v", got.Done, want.Done)
				assert.Equal(t, want.Parent.ID, got.Parent.ID)
				assert.True(t, got.CreatedAt.Equal(when), "created_at %v", got.CreatedAt)
				assert.Equal(t, want.SeenAt == nil, got.SeenAt == nil)
			})
		}

		got, err := orm.Find[oneHead](ctx, head.ID)
		must(t, err)
		rows, err := got.Rows.All(ctx) // bound by Find to the head's key
		must(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, full.ID, rows[0].ID)

		missing, err := orm.Find[oneRow](ctx, full.ID+empty.ID+100)
		must(t, err)
		assert.Nil(t, missing)
	})
}
