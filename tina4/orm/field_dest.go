package orm

import (
	"reflect"
	"time"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// fieldDest is a reusable scan destination for one column: each row points
// it at that row's field, and Scan stores the driver value there. It serves
// the fields whose codec needs work (times, foreign keys) without a new
// destination per row, and the columns of a LEFT JOIN, which may be NULL
// where the field cannot be: null then records that the column was NULL and
// leaves the field at its zero value. The field is p (through acc, see
// fieldAccess) when acc is set, else fv.
type fieldDest struct {
	f    *Field
	fv   reflect.Value
	acc  *fieldAccess
	p    unsafe.Pointer
	null bool
}

// Scan implements sql.Scanner.
func (d *fieldDest) Scan(src any) error {
	d.null = src == nil
	if d.acc == nil {
		if d.null {
			d.fv.SetZero()
			return nil
		}
		return d.f.Scan(d.fv, src)
	}
	if d.null {
		d.acc.value(d.p).SetZero()
		return nil
	}
	switch d.f.Codec() {
	case codecPlain:
		if d.storePlain(src) {
			return nil
		}
	case codecKey:
		// An integer key (ForeignKey.ID) from an integer, as Field.Scan.
		if id, ok := src.(int64); ok && d.f.Kind != dialect.String {
			if d.acc.kind == accessFK { // KeyPtr is &ID
				*(*int64)(unsafe.Add(d.p, d.acc.idOff)) = id
				return nil
			}
			if kf, ok := d.acc.addr(d.p).(schema.KeyField); ok {
				*kf.KeyPtr() = id
				return nil
			}
		}
	case schema.CodecTime:
		if d.acc.typ == timeType {
			// As Field.Scan stores a time: a time.Time in UTC, text parsed.
			switch v := src.(type) {
			case time.Time:
				*(*time.Time)(d.p) = v.UTC()
				return nil
			case string:
				t, err := dialect.ParseTime(v)
				if err != nil {
					return err
				}
				*(*time.Time)(d.p) = t
				return nil
			}
		}
	}
	return d.f.Scan(d.acc.value(d.p), src)
}

// storePlain stores the commonest driver values in a plain field of a basic
// kind as schema's assignPlain (Field.Scan) does, without reflect: text into
// a string, an int64 into an integer, a bool or 0/1 into a bool, a float64
// into a float64. It reports false for anything else, left to Field.Scan.
func (d *fieldDest) storePlain(src any) bool {
	switch d.acc.kind {
	case accessString:
		switch s := src.(type) {
		case string:
			*(*string)(d.p) = s
			return true
		case []byte:
			*(*string)(d.p) = string(s)
			return true
		}
	case accessInt64:
		if n, ok := src.(int64); ok {
			*(*int64)(d.p) = n
			return true
		}
	case accessInt:
		if n, ok := src.(int64); ok && int64(int(n)) == n {
			*(*int)(d.p) = int(n)
			return true
		}
	case accessBool:
		switch s := src.(type) {
		case bool:
			*(*bool)(d.p) = s
			return true
		case int64:
			*(*bool)(d.p) = s != 0
			return true
		}
	case accessFloat64:
		switch s := src.(type) {
		case float64:
			*(*float64)(d.p) = s
			return true
		case int64:
			*(*float64)(d.p) = float64(s)
			return true
		}
	}
	return false
}
