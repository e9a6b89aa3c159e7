package orm_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// oddTitle is a named string: the offset paths must treat it as its own
// type, not as a string.
type oddTitle string

// oddInner is embedded by value in oddMeta, itself embedded in oddItem:
// its fields lie two structs deep.
type oddInner struct {
	Tag  oddTitle `db:"tag"`
	Blob []byte   `db:"blob"`
}

type oddMeta struct {
	oddInner
	Rank uint64     `db:"rank"`
	Seen *time.Time `db:"seen"`
}

// oddOwner is keyed by text and has a reverse relation.
type oddOwner struct {
	Code  string               `db:"code,pk"`
	Name  oddTitle             `db:"name"`
	Items orm.HasMany[oddItem] `fk:"owner_code"`
}

func (oddOwner) TableName() string { return "odd_owners" }

// oddItem has its key after another field, fields after a relation, a
// named type, pointers, sql.Null, []byte, uint64, small kinds, a time in
// another location, an unexported field and nested embedded structs.
type oddItem struct {
	Note   *string                      `db:"note"`
	ID     int64                        `db:"id"`
	Owner  orm.NullForeignKey[oddOwner] `db:"owner_code" on_delete:"set null"`
	Title  oddTitle                     `db:"title"`
	Count  sql.NullInt64                `db:"count"`
	When   time.Time                    `db:"when_at"`
	Small  int32                        `db:"small"`
	Ratio  float32                      `db:"ratio"`
	hidden int
	oddMeta
}

func (oddItem) TableName() string { return "odd_items" }

// TestOddModelRoundTrip checks that every offset-based path (Find's
// single-row scan, the row scanner of Where, SelectRelated's joined scan,
// Include, the writes' binding and UpdateReturning) reads and writes an
// unusual model exactly as the values stored.
func TestOddModelRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[oddOwner], orm.CreateTable[oddItem])
		owner := oddOwner{Code: "own-1", Name: "The Owner"}
		must(t, orm.Create(ctx, &owner))
		note := "a note"
		seen := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("X", 2*3600))
		item := oddItem{Note: &note, Title: "odd title", Count: sql.NullInt64{Int64: 42, Valid: true},
			When: time.Date(2023, 1, 2, 3, 4, 5, 0, time.FixedZone("Y", -5*3600)), Small: -7, Ratio: 0.5, hidden: 3,
			oddMeta: oddMeta{oddInner: oddInner{Tag: "tagged", Blob: []byte{0, 1, 255}}, Rank: 1 << 40, Seen: &seen}}
		item.Owner.SetText(owner.Code)
		must(t, orm.Save(ctx, &item))
		require.NotZero(t, item.ID)
		bare := oddItem{Title: "bare"}
		must(t, orm.Save(ctx, &bare))

		check := func(t *testing.T, want, got oddItem) {
			t.Helper()
			assert.Equal(t, want.ID, got.ID)
			assert.Equal(t, want.Note, got.Note)
			assert.Equal(t, want.Owner.Text, got.Owner.Text)
			assert.Equal(t, want.Title, got.Title)
			assert.Equal(t, want.Count, got.Count)
			assert.True(t, want.When.Equal(got.When), "when %v, want %v", got.When, want.When)
			assert.Equal(t, want.Small, got.Small)
			assert.Equal(t, want.Ratio, got.Ratio)
			assert.Zero(t, got.hidden)
			assert.Equal(t, want.Tag, got.Tag)
			if len(want.Blob) > 0 || len(got.Blob) > 0 {
				assert.Equal(t, want.Blob, got.Blob)
			}
			assert.Equal(t, want.Rank, got.Rank)
			assert.Equal(t, want.Seen == nil, got.Seen == nil)
			if want.Seen != nil && got.Seen != nil {
				assert.True(t, want.Seen.Equal(*got.Seen), "seen %v, want %v", *got.Seen, *want.Seen)
			}
		}
		for _, want := range []oddItem{item, bare} {
			t.Run("find "+string(want.Title), func(t *testing.T) {
				got, err := orm.Find[oddItem](ctx, want.ID)
				must(t, err)
				require.NotNil(t, got)
				check(t, want, *got)
				many, _, err := orm.Where[oddItem](ctx, "id = ?", []any{want.ID})
				must(t, err)
				require.Len(t, many, 1)
				check(t, want, many[0])
			})
		}
		t.Run("select related and include", func(t *testing.T) {
			joined, err := orm.Query[oddItem](ctx).SelectRelated("owner").OrderByField("id").Get()
			must(t, err)
			require.Len(t, joined, 2)
			check(t, item, joined[0])
			check(t, bare, joined[1])
			require.NotNil(t, joined[0].Owner.Loaded())
			assert.Equal(t, owner.Name, joined[0].Owner.Loaded().Name)
			assert.Equal(t, owner.Code, joined[0].Owner.Loaded().Code)
			assert.Nil(t, joined[1].Owner.Loaded())

			incl, err := orm.Query[oddItem](ctx).Include("owner").OrderByField("id").Get()
			must(t, err)
			require.Len(t, incl, 2)
			check(t, item, incl[0])
			require.NotNil(t, incl[0].Owner.Loaded())
			assert.Equal(t, owner.Name, incl[0].Owner.Loaded().Name)

			o, err := orm.Find[oddOwner](ctx, owner.Code, orm.Include("items"))
			must(t, err)
			require.NotNil(t, o)
			items, ok := o.Items.Loaded()
			require.True(t, ok)
			require.Len(t, items, 1)
			check(t, item, items[0])

			plain, err := orm.Find[oddOwner](ctx, owner.Code) // scanned by offset, its HasMany bound to the text key
			must(t, err)
			require.NotNil(t, plain)
			assert.Equal(t, owner.Name, plain.Name)
			all, err := plain.Items.All(ctx)
			must(t, err)
			require.Len(t, all, 1)
			check(t, item, all[0])
		})
		t.Run("update and update returning", func(t *testing.T) {
			item.Title, item.Rank, item.Tag, item.Note, item.Small = "new title", 7, "retag", nil, 9
			must(t, orm.Update(ctx, &item, "title", "rank", "tag", "note", "small"))
			got, err := orm.Find[oddItem](ctx, item.ID)
			must(t, err)
			check(t, item, *got)

			patch := oddItem{ID: item.ID, Title: "returned", oddMeta: oddMeta{Rank: 8, oddInner: oddInner{Tag: "t2"}}}
			var back *oddItem
			must(t, orm.Transaction(ctx, func(ctx context.Context) error {
				var err error
				back, err = orm.UpdateReturning(ctx, &patch, "title", "rank", "tag")
				return err
			}))
			require.NotNil(t, back)
			item.Title, item.Rank, item.Tag = "returned", 8, "t2"
			check(t, item, *back)
			got, err = orm.Find[oddItem](ctx, item.ID)
			must(t, err)
			check(t, item, *got)
		})
	})
}
