package orm

import (
	"database/sql"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

type bindLabel string

type bindEmbedded struct {
	At   time.Time `db:"at"`
	Note string    `db:"note"`
}

// bindRow has fields bound by offset (string, int64, int, bool, float64,
// time.Time, also in an embedded struct) and fields bound through reflect.
type bindRow struct {
	ID    int64           `db:"id"`
	Title string          `db:"title"`
	N     int             `db:"n"`
	On    bool            `db:"on"`
	F     float64         `db:"f"`
	Label bindLabel       `db:"label"`
	Nick  *string         `db:"nick"`
	NS    sql.NullString  `db:"ns"`
	NT    sql.Null[int64] `db:"nt"`
	Blob  []byte          `db:"blob"`
	Big   uint64          `db:"big"`
	Maybe *time.Time      `db:"maybe"`
	NTime sql.NullTime    `db:"ntime"`
	I32   int32           `db:"i32"`
	bindEmbedded
}

// TestFieldBinderMatchesBind checks that the binder gives, for every field,
// the value Field.Bind gives, and reports raw when a value may be a time
// that textTimes rewrites.
func TestFieldBinderMatchesBind(t *testing.T) {
	m, err := modelOfType(reflect.TypeFor[bindRow]())
	require.NoError(t, err)
	when := time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.FixedZone("x", 3600))
	nick := "nick"
	rows := map[string]bindRow{
		"zero": {},
		"full": {ID: 300, Title: "t", N: -7, On: true, F: 1.5, Label: "l", Nick: &nick, NS: sql.NullString{String: "s", Valid: true},
			NT: sql.Null[int64]{V: 9, Valid: true}, Blob: []byte{1}, Big: 1 << 40, Maybe: &when, NTime: sql.NullTime{Time: when, Valid: true},
			I32: 4, bindEmbedded: bindEmbedded{At: when, Note: "n"}},
	}
	for _, d := range []dialect.Dialect{dialect.SQLite{}, dialect.Postgres{}, dialect.MySQL{}} {
		for name, row := range rows {
			t.Run(d.Name()+"/"+name, func(t *testing.T) {
				rv := reflect.ValueOf(&row).Elem()
				b := newFieldBinder(m, rv, d)
				require.True(t, b.l.direct)
				var args []any
				for _, f := range m.Fields {
					got := b.bind(f)
					assert.Equal(t, f.Bind(rv.FieldByIndex(f.Index), d), got, "field %s", f.Name)
					args = append(args, got)
				}
				assert.True(t, b.raw, "fields bound through reflect: raw")
				plain := newFieldBinder(m, rv, d)
				var plainArgs []any
				for _, col := range []string{"id", "title", "n", "on", "f", "at", "note"} {
					plainArgs = append(plainArgs, plain.bind(m.Field(col)))
				}
				if !plain.raw {
					assert.Equal(t, plainArgs, textTimes(d, plainArgs), "not raw, yet textTimes rewrites")
				}
				assert.Equal(t, d.Name() == "postgres" || d.Name() == "mysql", plain.raw, "raw only where BindTime gives a time")
				assert.Equal(t, textTimes(d, args), textTimes(d, args))
			})
		}
	}
}

// TestCheckUintsSkipsOnlyModelsWithoutWideUints checks the shortcut of
// checkUints.
func TestCheckUintsSkipsOnlyModelsWithoutWideUints(t *testing.T) {
	m, err := modelOfType(reflect.TypeFor[bindRow]())
	require.NoError(t, err)
	row := bindRow{Big: 1 << 63}
	require.Error(t, checkUints(m, reflect.ValueOf(&row).Elem()))
	row.Big = 1
	require.NoError(t, checkUints(m, reflect.ValueOf(&row).Elem()))
}

// TestCachedModelOf checks that the model cache answers as the registry
// does, for types taking turns in their slots, and passes its errors on.
func TestCachedModelOf(t *testing.T) {
	types := []reflect.Type{reflect.TypeFor[bindRow](), reflect.TypeFor[bindEmbedded](), reflect.TypeFor[oneScan]()}
	for range 3 {
		for _, typ := range types {
			want, werr := schema.Of(typ)
			got, err := cachedModelOf(typ)
			assert.Same(t, want, got, "%v", typ)
			assert.Equal(t, werr, err)
		}
	}
	_, err := cachedModelOf(reflect.TypeFor[int]())
	require.Error(t, err)
	row := bindRow{}
	m, rv, err := cachedModelOfValue(&row)
	require.NoError(t, err)
	assert.Same(t, m, modelSlot(reflect.TypeFor[bindRow]()).Load())
	assert.Equal(t, reflect.ValueOf(&row).Elem().Addr().Pointer(), rv.Addr().Pointer())
	_, _, err = cachedModelOfValue(row)
	require.Error(t, err, "not a pointer")
}

type stampRow struct {
	ID      int64      `db:"id"`
	Made    time.Time  `db:"made,auto_now_add"`
	Touched time.Time  `db:"touched,auto_now"`
	MadeP   *time.Time `db:"made_p,auto_now_add"`
	Cat     string     `db:"cat" default:"general"`
	Score   float64    `db:"score" default:"1.5"`
	Count   int        `db:"count" default:"3"`
	Label   bindLabel  `db:"label" default:"x"`
}

// stampByReflect is stampFields as it was written before the field layout:
// the reference the offset path must match.
func stampByReflect(m *Model, rv reflect.Value, stamp time.Time) {
	for _, f := range m.Fields {
		fv := rv.FieldByIndex(f.Index)
		switch {
		case f.AutoNow || f.AutoNowAdd && fv.IsZero():
			setTime(fv, stamp)
		case f.HasDefault && fv.IsZero():
			v, _ := f.DefaultValue()
			fv.Set(v)
		}
	}
}

// TestStampFieldsMatchesReflect checks that stamping through the field
// layout sets what the reflect loop sets, for zero and set fields, a -0.0
// float (zero for reflect) and a zero instant with a location.
func TestStampFieldsMatchesReflect(t *testing.T) {
	m, err := modelOfType(reflect.TypeFor[stampRow]())
	require.NoError(t, err)
	stamp := time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC)
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	negZero := math.Copysign(0, -1)
	for name, row := range map[string]stampRow{
		"zero":     {},
		"set":      {ID: 1, Made: old, Touched: old, MadeP: &old, Cat: "c", Score: 2, Count: 1, Label: "l"},
		"negzero":  {Score: negZero},
		"zeroInst": {Made: time.Time{}.In(time.FixedZone("z", 60))},
	} {
		t.Run(name, func(t *testing.T) {
			want, got := row, row
			stampByReflect(m, reflect.ValueOf(&want).Elem(), stamp)
			stampFields(m, reflect.ValueOf(&got).Elem(), stamp)
			assert.Equal(t, want, got)
			assert.Equal(t, reflect.ValueOf(row.ID).IsZero(), keyIsZero(m, reflect.ValueOf(&row).Elem()))
		})
	}
}
