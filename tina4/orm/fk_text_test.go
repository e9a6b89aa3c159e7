package orm_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Club is keyed by a UUID; fans point at it with a declared ForeignKey, and
// a club may belong to a parent club.
type Club struct {
	ID       string                   `db:"id,pk"`
	Name     string                   `db:"name"`
	Parent   orm.NullForeignKey[Club] `db:"parent_id" on_delete:"set null" related_name:"children"`
	Fans     orm.HasMany[Fan]
	Children orm.HasMany[Club] `fk:"parent_id"`
}

type Fan struct {
	ID   int64                `db:"id"`
	Club orm.ForeignKey[Club] `db:"club_id" on_delete:"cascade"`
	Name string               `db:"name"`
}

const (
	clubA = "6f1d2c3b-0000-4000-8000-00000000000a"
	clubB = "6f1d2c3b-0000-4000-8000-00000000000b"
)

func TestForeignKeysToTextKeys(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Club], orm.CreateTable[Fan])
		a := Club{ID: clubA, Name: "Ajax"}
		require.NoError(t, orm.Create(ctx, &a))
		b := Club{ID: clubB, Name: "Benfica"}
		require.NoError(t, b.Parent.Set(&a))
		require.NoError(t, orm.Create(ctx, &b))
		fans := []Fan{{Name: "ann"}, {Name: "bob"}, {Name: "cid"}}
		require.NoError(t, fans[0].Club.Set(&a))
		fans[1].Club.SetText(clubA)
		fans[2].Club.SetText(clubB)
		require.NoError(t, orm.InsertMany(ctx, fans))

		got, err := orm.Find[Fan](ctx, fans[2].ID)
		require.NoError(t, err)
		assert.Equal(t, clubB, got.Club.Text)
		assert.Zero(t, got.Club.ID)
		club, err := got.Club.Get(ctx)
		require.NoError(t, err)
		assert.Equal(t, "Benfica", club.Name)
		parent, err := club.Parent.Get(ctx)
		require.NoError(t, err)
		assert.Equal(t, "Ajax", parent.Name)

		t.Run("include and select related", func(t *testing.T) {
			log.Reset()
			rows, err := orm.Query[Fan](ctx).Include("club.parent").OrderBy("id").Get()
			require.NoError(t, err)
			assert.Equal(t, 3, log.Count())
			require.NotNil(t, rows[2].Club.Loaded())
			assert.Equal(t, "Benfica", rows[2].Club.Loaded().Name)
			require.NotNil(t, rows[2].Club.Loaded().Parent.Loaded())
			assert.Equal(t, "Ajax", rows[2].Club.Loaded().Parent.Loaded().Name)
			joined, err := orm.Query[Fan](ctx).SelectRelated("club").OrderByField("id").Get()
			require.NoError(t, err)
			require.NotNil(t, joined[0].Club.Loaded())
			assert.Equal(t, "Ajax", joined[0].Club.Loaded().Name)
		})
		t.Run("reverse relation and prefetch", func(t *testing.T) {
			n, err := a.Fans.Count(ctx)
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			clubs, err := orm.Query[Club](ctx).PrefetchRelated("fans", "children").OrderBy("name").Get()
			require.NoError(t, err)
			f, _ := clubs[0].Fans.Loaded()
			assert.Len(t, f, 2)
			kids, _ := clubs[0].Children.Loaded()
			require.Len(t, kids, 1)
			assert.Equal(t, "Benfica", kids[0].Name)
		})
		t.Run("filters, bulk writes and JSON", func(t *testing.T) {
			n, err := orm.Query[Fan](ctx).Filter("club__name", "Ajax").Count()
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			n, err = orm.Query[Fan](ctx).Filter("club", clubB).Count()
			require.NoError(t, err)
			assert.Equal(t, 1, n)
			moved, err := orm.Query[Fan](ctx).Filter("club__name", "Ajax").Update(map[string]any{"club": clubB})
			require.NoError(t, err)
			assert.EqualValues(t, 2, moved)
			js, err := orm.ToJSON(got)
			require.NoError(t, err)
			assert.Contains(t, string(js), `"club_id":"`+clubB+`"`)
		})
	})
}
