package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type accessName string

type accessStamps struct {
	CreatedAt time.Time  `db:"created_at"`
	DeletedAt *time.Time `db:"deleted_at"`
}

type accessOwner struct {
	ID    int64                       `db:"id"`
	Items HasMany[accessItem]         `fk:"owner_id"`
	Peer  NullForeignKey[accessOwner] `db:"peer_id"`
}

func (accessOwner) TableName() string { return "access_owners" }

type accessItem struct {
	accessStamps
	ID      int64                   `db:"id"`
	Owner   ForeignKey[accessOwner] `db:"owner_id"`
	Name    accessName              `db:"name"`
	Count   int                     `db:"count"`
	Small   int32                   `db:"small"`
	Ratio   float64                 `db:"ratio"`
	On      bool                    `db:"on_"`
	Data    []byte                  `db:"data"`
	Note    sql.NullString          `db:"note"`
	Maybe   *string                 `db:"maybe"`
	Counter uint16                  `db:"counter"`
}

func (accessItem) TableName() string { return "access_items" }

// TestFieldAccessMatchesReflect checks that every field's offset access
// gives the address and the typed pointer that reflect's FieldByIndex, Addr
// and Interface give, through embedded structs too.
func TestFieldAccessMatchesReflect(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[accessItem](), reflect.TypeFor[accessOwner]()} {
		m, err := modelOfType(typ)
		require.NoError(t, err)
		rv := reflect.New(typ).Elem()
		base := rowBase(rv)
		for _, f := range m.Fields {
			t.Run(m.Name+"."+f.Name, func(t *testing.T) {
				a := accessOf(m, f)
				require.True(t, a.direct, "a model's fields are reached through value structs")
				want := rv.FieldByIndex(f.Index).Addr()
				assert.Equal(t, want.UnsafePointer(), a.at(base), "address")
				got := a.addr(a.at(base))
				assert.Equal(t, want.Type(), reflect.TypeOf(got), "pointer type")
				assert.Equal(t, want.Interface(), got, "pointer")
			})
		}
		for _, r := range m.Relations {
			a := relAccessOf(r)
			want := rv.FieldByIndex(r.Index).Addr()
			assert.Equal(t, want.UnsafePointer(), a.at(base), "relation %s address", r.Name)
			assert.Equal(t, want.Interface(), a.addr(a.at(base)), "relation %s pointer", r.Name)
		}
	}
}

// TestFieldDestStoresAsFieldScan checks that the joined columns' fast
// stores (fieldDest.storePlain) leave a field exactly as Field.Scan does,
// and fail where it fails.
func TestFieldDestStoresAsFieldScan(t *testing.T) {
	m, err := modelOfType(reflect.TypeFor[accessItem]())
	require.NoError(t, err)
	srcs := []any{int64(7), int64(-3), int64(1) << 40, 2.5, float64(3), true, false, "12", "text", []byte("bytes"), []byte("1"),
		"true", time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), time.Date(2024, 5, 6, 7, 8, 9, 10, time.FixedZone("x", 3600)),
		"2024-05-06 07:08:09", "2024-05-06T07:08:09.5+02:00", []byte("2024-05-06 07:08:09")}
	for _, col := range []string{"name", "count", "small", "ratio", "on_", "counter", "note", "owner_id", "created_at"} {
		f := m.ByColumn(col)
		require.NotNil(t, f, col)
		for _, src := range srcs {
			t.Run(fmt.Sprintf("%s/%T(%v)", col, src, src), func(t *testing.T) {
				slow := reflect.New(m.Type).Elem()
				slowErr := (&fieldDest{f: f, fv: slow.FieldByIndex(f.Index)}).Scan(src)
				fast := reflect.New(m.Type).Elem()
				a := accessOf(m, f)
				fastErr := (&fieldDest{f: f, acc: a, p: a.at(rowBase(fast))}).Scan(src)
				assert.Equal(t, slowErr != nil, fastErr != nil, "errors: %v, %v", slowErr, fastErr)
				if slowErr == nil {
					assert.Equal(t, slow.FieldByIndex(f.Index).Interface(), fast.FieldByIndex(f.Index).Interface())
				}
			})
		}
		t.Run(col+"/NULL", func(t *testing.T) {
			fast := reflect.New(m.Type).Elem()
			a := accessOf(m, f)
			d := &fieldDest{f: f, acc: a, p: a.at(rowBase(fast))}
			for _, src := range srcs { // a value first: NULL must clear it
				if d.Scan(src) == nil && !fast.FieldByIndex(f.Index).IsZero() {
					break
				}
			}
			require.False(t, fast.FieldByIndex(f.Index).IsZero(), "no value scanned")
			require.NoError(t, d.Scan(nil))
			assert.True(t, d.null)
			assert.True(t, fast.FieldByIndex(f.Index).IsZero(), "NULL leaves the zero value")
		})
	}
}

// TestSetItemsFrom checks the shared-array items: an owner with no rows
// gets an empty slice (not nil), and appending to one owner's rows never
// writes over the next owner's.
func TestSetItemsFrom(t *testing.T) {
	all := []accessItem{{ID: 1}, {ID: 2}, {ID: 3}}
	var a, b, none HasMany[accessItem]
	var s itemsFromSetter = &a
	s.setItemsFrom(reflect.ValueOf(all).UnsafePointer(), 2)
	(&b).setItemsFrom(reflect.ValueOf(all[2:]).UnsafePointer(), 1)
	(&none).setItemsFrom(nil, 0)
	got, ok := a.loadedItems()
	require.True(t, ok)
	require.Equal(t, []accessItem{{ID: 1}, {ID: 2}}, got)
	items, ok := none.loadedItems()
	require.True(t, ok)
	require.NotNil(t, items.([]accessItem), "no rows: an empty slice, as setItems gives")
	require.Len(t, items.([]accessItem), 0)
	a.items = append(a.items, accessItem{ID: 99})
	bi, _ := b.loadedItems()
	require.Equal(t, []accessItem{{ID: 3}}, bi, "an append to one owner's rows wrote over the next owner's")
}

// TestKeyAtMatchesRelKeyOf checks that keys read by offset (keyAt) equal
// the keys relKeyOf reads by reflect: integers, text, and foreign keys
// holding an integer or a text key.
func TestKeyAtMatchesRelKeyOf(t *testing.T) {
	m, err := modelOfType(reflect.TypeFor[accessItem]())
	require.NoError(t, err)
	om, err := modelOfType(reflect.TypeFor[accessOwner]())
	require.NoError(t, err)
	var it accessItem
	it.ID, it.Name, it.Count = 42, "k", 7
	it.Owner.SetID(9)
	var ow accessOwner
	ow.Peer.SetText("peer")
	for _, c := range []struct {
		m    *Model
		row  any
		col  string
		fk   bool
		want relKey
	}{
		{m, &it, "id", false, relKey{n: 42}},
		{m, &it, "name", false, relKey{s: "k", kind: 1}},
		{m, &it, "count", false, relKey{n: 7}},
		{m, &it, "owner_id", true, relKey{n: 9}},
		{om, &ow, "peer_id", true, relKey{s: "peer", kind: 1}},
	} {
		t.Run(c.col, func(t *testing.T) {
			rv := reflect.ValueOf(c.row).Elem()
			f := c.m.ByColumn(c.col)
			a := accessOf(c.m, f)
			assert.Equal(t, c.fk, a.kind == accessFK, "kind")
			got := keyAt(a, a.at(rowBase(rv)))
			assert.Equal(t, relKeyOf(rv.FieldByIndex(f.Index)), got)
			assert.Equal(t, c.want, got)
		})
	}
}

// TestRowsHint checks the to-many result sizing: no hint before a load,
// room for as many rows per key as last time after one, and a bound.
func TestRowsHint(t *testing.T) {
	r := &Relation{Name: "hinted"}
	assert.Equal(t, 0, rowsHint(r, 100), "no load yet")
	noteRows(r, 100, 1000)
	got := rowsHint(r, 100)
	assert.GreaterOrEqual(t, got, 1000)
	assert.LessOrEqual(t, got, 1100)
	assert.GreaterOrEqual(t, rowsHint(r, 3), 30)
	assert.Equal(t, maxRowsHint, rowsHint(r, 1_000_000), "bounded")
	noteRows(r, 0, 5) // no keys: nothing learned
	assert.Equal(t, got, rowsHint(r, 100))
}
