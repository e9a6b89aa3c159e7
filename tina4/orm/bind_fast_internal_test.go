package orm

import (
	"database/sql"
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
