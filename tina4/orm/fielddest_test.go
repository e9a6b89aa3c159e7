package orm

import (
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldDest(t *testing.T) {
	type row struct {
		ID    int64          `db:"id"`
		At    time.Time      `db:"at"`
		Maybe *time.Time     `db:"maybe"`
		NT    sql.NullTime   `db:"nt"`
		Name  *string        `db:"name"`
		NS    sql.NullString `db:"ns"`
	}
	m, err := modelOfType(reflect.TypeFor[row]())
	require.NoError(t, err)
	when := time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.UTC)
	var r row
	rv := reflect.ValueOf(&r).Elem()
	scan := func(col string, src any) *fieldDest {
		t.Helper()
		f := m.Field(col)
		d := &fieldDest{f: f, fv: rv.FieldByIndex(f.Index)}
		require.NoError(t, d.Scan(src), "%s <- %v", col, src)
		return d
	}
	scan("id", int64(5))
	scan("at", "2024-02-29 13:14:15.123456")
	scan("maybe", when)
	scan("nt", when.Format(time.RFC3339Nano))
	scan("name", []byte("Zoë"))
	scan("ns", "x")
	require.True(t, r.ID == 5 && r.At.Equal(when) && r.Maybe != nil && r.Maybe.Equal(when) && r.NT.Valid && r.NT.Time.Equal(when) &&
		r.Name != nil && *r.Name == "Zoë" && r.NS == (sql.NullString{String: "x", Valid: true}), "scanned %+v", r)
	for _, col := range []string{"id", "at", "maybe", "nt", "name", "ns"} {
		assert.True(t, scan(col, nil).null, "%s <- NULL: null not recorded", col)
	}
	require.Equal(t, row{}, r, "after NULLs, want the zero row")
}
