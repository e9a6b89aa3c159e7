package orm

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plainRow is a model the typed Save takes: plain fields only.
type plainRow struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name" default:"anon"`
	N         int       `db:"n" default:"3"`
	F         float64   `db:"f"`
	B         bool      `db:"b" default:"true"`
	At        time.Time `db:"at" default:"2021-02-03T04:05:06Z"`
	Version   int64     `db:"version,version"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

func (plainRow) TableName() string { return "plain_rows" }

// The models below take the reflect path, each for one reason.
type (
	ptrRow struct {
		ID   int64   `db:"id"`
		Note *string `db:"note"`
	}
	uintRow struct {
		ID int64  `db:"id"`
		U  uint64 `db:"u"`
	}
	nullRow struct {
		ID   int64  `db:"id"`
		Name string `db:"name,null"`
	}
	version32Row struct {
		ID      int64  `db:"id"`
		Name    string `db:"name"`
		Version int32  `db:"version,version"`
	}
	keyOnlyRow struct {
		ID int64 `db:"id"`
	}
	namedRow struct {
		ID   int64   `db:"id"`
		Kind rowKind `db:"kind"`
	}
	rowKind string
)

func TestSavePlanChoosesPlainModels(t *testing.T) {
	cases := []struct {
		name  string
		t     func() *savePlan
		typed bool
	}{
		{"plain fields", savePlanFor[plainRow], true},
		{"pointer field", savePlanFor[ptrRow], false},
		{"uint64 field", savePlanFor[uintRow], false},
		{"nullable column", savePlanFor[nullRow], false},
		{"int32 version", savePlanFor[version32Row], false},
		{"key only", savePlanFor[keyOnlyRow], false},
		{"named string type", savePlanFor[namedRow], false},
		{"not a struct", savePlanFor[int], false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.t()
			assert.Equal(t, c.typed, p != nil)
			if p != nil {
				assert.Same(t, p, c.t(), "cached")
			}
		})
	}
}

// TestSavePlanSharedSlot checks that a type whose slot another type took
// finds its own plan again, the same one, without making a new one.
func TestSavePlanSharedSlot(t *testing.T) {
	p := savePlanFor[plainRow]()
	require.NotNil(t, p)
	typ := reflect.TypeFor[plainRow]()
	a := uintptr(typeWord(typ))
	slot := &savePlans[(a>>4^a>>12)%uintptr(len(savePlans))]
	slot.Store(&savePlan{}) // another type's entry
	assert.Same(t, p, savePlanFor[plainRow](), "the same plan, from allPlans")
	assert.Same(t, p, slot.Load(), "back in its slot")

	assert.Nil(t, savePlanFor[ptrRow]())
	q, ok := allPlans.Load(reflect.TypeFor[ptrRow]())
	require.True(t, ok, "a type that takes the reflect path is remembered")
	assert.Nil(t, q.(*savePlan).m)
}

// savePlanFor is savePlanOf of T.
func savePlanFor[T any]() *savePlan { return savePlanOf(reflect.TypeFor[T]()) }

// SaveViaReflect is Save through reflect, for the external tests that
// compare it with the typed path.
var SaveViaReflect = func(ctx context.Context, m any) error { return saveValue(ctx, m) }

// HasTypedSave reports whether Save of T takes the typed path.
func HasTypedSave[T any]() bool { return savePlanFor[T]() != nil }
