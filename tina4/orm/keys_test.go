package orm_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// BigKey has an unsigned key: values above MaxInt64 do not fit the
// signed BIGINT every engine stores.
type BigKey struct {
	ID   uint64 `db:"id"`
	Name string `db:"name"`
}

func TestUint64KeysAboveInt64AreRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[BigKey])
		big := uint64(math.MaxInt64) + 5
		top := BigKey{ID: math.MaxInt64, Name: "top"}
		require.NoError(t, orm.Create(ctx, &top), "MaxInt64 itself fits")
		got, err := orm.Find[BigKey](ctx, uint64(math.MaxInt64))
		require.NoError(t, err)
		require.NotNil(t, got)
		assert.Equal(t, uint64(math.MaxInt64), got.ID)

		checks := map[string]func() error{
			"create":       func() error { return orm.Create(ctx, &BigKey{ID: big, Name: "x"}) },
			"save":         func() error { return orm.Save(ctx, &BigKey{ID: big, Name: "x"}) },
			"insert many":  func() error { return orm.InsertMany(ctx, []BigKey{{ID: big}}) },
			"find":         func() error { _, err := orm.Find[BigKey](ctx, big); return err },
			"find or fail": func() error { _, err := orm.FindOrFail[BigKey](ctx, big); return err },
			"filter":       func() error { _, err := orm.Query[BigKey](ctx).Filter("id__gte", big).Get(); return err },
			"update":       func() error { return orm.Update(ctx, &BigKey{ID: big, Name: "y"}, "name") },
		}
		for name, run := range checks {
			t.Run(name, func(t *testing.T) {
				assert.ErrorIs(t, run(), orm.ErrInvalid)
			})
		}
		n, err := orm.Query[BigKey](ctx).Count()
		require.NoError(t, err)
		assert.Equal(t, 1, n, "nothing wrapped into a negative key")
	})
}

type compositeKey struct {
	OrderID int64 `db:"order_id,pk"`
	Line    int64 `db:"line,pk"`
}

func TestCompositeKeysAreARegistrationError(t *testing.T) {
	assert.PanicsWithValue(t,
		"orm: model compositeKey: field Line: a second primary key (composite keys are not supported)",
		func() { orm.Register[compositeKey]() })
}

// Crew is keyed by text; its sailors point at it with a plain key column.
type Crew struct {
	ID      string              `db:"id,pk"`
	Name    string              `db:"name"`
	Sailors orm.HasMany[Sailor] `fk:"crew_id"`
}

type Sailor struct {
	ID     int64  `db:"id"`
	CrewID string `db:"crew_id" references:"crew.id" on_delete:"cascade"`
	Name   string `db:"name"`
}

// Relations on text (UUID) keys load in one query per level on every
// engine.
func TestTextKeyRelationsLoadPerLevel(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Crew], orm.CreateTable[Sailor])
		const n = 1200
		teams := make([]Crew, n)
		players := make([]Sailor, 0, n)
		for i := range teams {
			teams[i] = Crew{ID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), Name: fmt.Sprint("team ", i)}
			if i%3 == 0 {
				players = append(players, Sailor{CrewID: teams[i].ID, Name: fmt.Sprint("player ", i)})
			}
		}
		require.NoError(t, orm.InsertMany(ctx, teams))
		require.NoError(t, orm.InsertMany(ctx, players))
		log.Reset()
		rows, _, err := orm.All[Crew](ctx, orm.Include("sailors"))
		require.NoError(t, err)
		require.Len(t, rows, n)
		assert.Equal(t, 2, log.Count(), "the crews, then one query for every crew's sailors")
		attached := 0
		for _, r := range rows {
			p, ok := r.Sailors.Loaded()
			require.True(t, ok)
			for _, x := range p {
				assert.Equal(t, r.ID, x.CrewID)
			}
			attached += len(p)
		}
		assert.Equal(t, n/3, attached)

		got, err := orm.Find[Crew](ctx, teams[3].ID)
		require.NoError(t, err)
		require.NotNil(t, got)
		c, err := got.Sailors.Count(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, c, "lazy reverse relation on a text key")
	})
}

// Doc is keyed by text and linked to integer-keyed labels.
type Doc struct {
	ID     string                `db:"id,pk"`
	Labels orm.ManyToMany[Label] `through:"doc_labels"`
}

func TestManyToManyWithTextKeys(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Doc], orm.CreateTable[Label])
		docs := []Doc{{ID: "a1b2c3d4-0000-4000-8000-000000000001"}, {ID: "a1b2c3d4-0000-4000-8000-000000000002"}}
		require.NoError(t, orm.InsertMany(ctx, docs))
		labels := []Label{{Name: "go"}, {Name: "sql"}}
		require.NoError(t, orm.InsertMany(ctx, labels))
		d0, err := orm.Find[Doc](ctx, docs[0].ID)
		require.NoError(t, err)
		require.NoError(t, d0.Labels.Add(ctx, &labels[0], &labels[1]))
		d1, err := orm.Find[Doc](ctx, docs[1].ID)
		require.NoError(t, err)
		require.NoError(t, d1.Labels.Add(ctx, &labels[1]))
		n, err := d0.Labels.Count(ctx)
		require.NoError(t, err)
		assert.Equal(t, 2, n)

		log.Reset()
		rows, _, err := orm.All[Doc](ctx, orm.Include("labels"), orm.OrderBy("id"))
		require.NoError(t, err)
		assert.Equal(t, 2, log.Count())
		l0, _ := rows[0].Labels.Loaded()
		l1, _ := rows[1].Labels.Loaded()
		assert.Len(t, l0, 2)
		require.Len(t, l1, 1)
		assert.Equal(t, "sql", l1[0].Name)

		require.NoError(t, d0.Labels.Remove(ctx, &labels[0]))
		n, err = d0.Labels.Count(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
	})
}
