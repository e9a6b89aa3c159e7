package orm

import (
	"database/sql"
	"reflect"
	"testing"
	"time"
)

func TestAssignPlain(t *testing.T) {
	type status string
	tests := []struct {
		name string
		dst  any // pointer to the destination
		src  any
		want any
		bad  bool
	}{
		{"string from text", new(string), "héllo ✓", "héllo ✓", false},
		{"string from bytes", new(string), []byte("bytes"), "bytes", false},
		{"string from int", new(string), int64(-7), "-7", false},
		{"named string", new(status), "done", status("done"), false},
		{"empty string", new(string), "", "", false},
		{"int64", new(int64), int64(1 << 40), int64(1 << 40), false},
		{"int32 overflow", new(int32), int64(1 << 40), nil, true},
		{"int8 from text", new(int8), []byte("-12"), int8(-12), false},
		{"int from bad text", new(int), "twelve", nil, true},
		{"uint from int", new(uint16), int64(65535), uint16(65535), false},
		{"uint from negative", new(uint), int64(-1), nil, true},
		{"float from float", new(float64), 2.5, 2.5, false},
		{"float from int", new(float32), int64(3), float32(3), false},
		{"float from text", new(float64), "1e3", 1000.0, false},
		{"bool from bool", new(bool), true, true, false},
		{"bool from int", new(bool), int64(0), false, false},
		{"bool from text", new(bool), "true", true, false},
		{"bool from bad text", new(bool), "maybe", nil, true},
		{"bytes copied", new([]byte), []byte{0, 1, 2}, []byte{0, 1, 2}, false},
		{"bytes from text", new([]byte), "ab", []byte("ab"), false},
		{"time into int", new(int64), time.Now(), nil, true},
		{"time into string, as Rows.Scan does", new(string), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "2026-01-02T03:04:05Z", false},
		{"MySQL FLOAT into float64", new(float64), float32(1.5), 1.5, false},
		{"float32 into string", new(string), float32(0.25), "0.25", false},
		{"uint64 beyond int64", new(uint64), uint64(1 << 63), uint64(1 << 63), false},
		{"uint8 overflow by conversion", new(uint8), uint64(300), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := reflect.ValueOf(tt.dst).Elem()
			err := assignPlain(dst, tt.src)
			if tt.bad {
				if err == nil {
					t.Fatalf("assignPlain(%T %v) = nil error, got %v", tt.src, tt.src, dst.Interface())
				}
				return
			}
			if err != nil || !reflect.DeepEqual(dst.Interface(), tt.want) {
				t.Fatalf("assignPlain(%T %v) = %v, %v; want %v", tt.src, tt.src, dst.Interface(), err, tt.want)
			}
		})
	}
	// The source buffer is not kept: drivers reuse it.
	src := []byte("abc")
	var b []byte
	if err := assignPlain(reflect.ValueOf(&b).Elem(), src); err != nil {
		t.Fatal(err)
	}
	src[0] = 'X'
	if string(b) != "abc" {
		t.Fatalf("bytes alias the driver's buffer: %q", b)
	}
}

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
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.UTC)
	var r row
	rv := reflect.ValueOf(&r).Elem()
	scan := func(col string, src any) *fieldDest {
		t.Helper()
		f := m.Field(col)
		d := &fieldDest{f: f, fv: rv.FieldByIndex(f.Index)}
		if err := d.Scan(src); err != nil {
			t.Fatalf("%s <- %v: %v", col, src, err)
		}
		return d
	}
	scan("id", int64(5))
	scan("at", "2024-02-29 13:14:15.123456")
	scan("maybe", when)
	scan("nt", when.Format(time.RFC3339Nano))
	scan("name", []byte("Zoë"))
	scan("ns", "x")
	if r.ID != 5 || !r.At.Equal(when) || r.Maybe == nil || !r.Maybe.Equal(when) || !r.NT.Valid || !r.NT.Time.Equal(when) ||
		r.Name == nil || *r.Name != "Zoë" || r.NS != (sql.NullString{String: "x", Valid: true}) {
		t.Fatalf("scanned %+v", r)
	}
	for _, col := range []string{"id", "at", "maybe", "nt", "name", "ns"} {
		if d := scan(col, nil); !d.null {
			t.Errorf("%s <- NULL: null not recorded", col)
		}
	}
	if r != (row{}) {
		t.Fatalf("after NULLs: %+v, want the zero row", r)
	}
}
