package orm

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// codec says how a field's value moves between the struct and the driver.
type codec uint8

const (
	codecPlain    codec = iota // scanned and bound by database/sql itself
	codecTime                  // time.Time: bound through the dialect, read from text or time
	codecTimePtr               // *time.Time
	codecNullTime              // sql.NullTime
	codecScanner               // sql.Null[T] and the sql.NullX types
	codecKey                   // ForeignKey[T]: its ID, 0 for NULL
)

// bind returns the driver argument for the field's value v.
func (f *Field) bind(v reflect.Value, d dialect.Dialect) any {
	switch f.codec {
	case codecTime:
		return d.BindTime(v.Interface().(time.Time))
	case codecTimePtr:
		if v.IsNil() {
			return nil
		}
		return d.BindTime(*v.Interface().(*time.Time))
	case codecNullTime:
		nt := v.Interface().(sql.NullTime)
		if !nt.Valid {
			return nil
		}
		return d.BindTime(nt.Time)
	case codecKey:
		id := *v.Addr().Interface().(targetSetter).keyPtr()
		if id == 0 {
			return nil
		}
		return id
	case codecScanner:
		val, err := v.Interface().(driver.Valuer).Value()
		if err != nil {
			return nil
		}
		return val
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	case reflect.Slice: // []byte: a nil slice is empty, not NULL
		if v.IsNil() {
			return []byte{}
		}
	}
	return v.Interface()
}

// dest returns the scan destination for the field's value v (addressable).
func (f *Field) dest(v reflect.Value) any {
	switch f.codec {
	case codecTime:
		return &timeDest{t: v.Addr().Interface().(*time.Time)}
	case codecTimePtr:
		return &timePtrDest{p: v.Addr().Interface().(**time.Time)}
	case codecNullTime:
		return &nullTimeDest{n: v.Addr().Interface().(*sql.NullTime)}
	case codecKey:
		return &keyDest{p: v.Addr().Interface().(targetSetter).keyPtr()}
	}
	return v.Addr().Interface()
}

// keyDest scans a foreign key; NULL reads as 0.
type keyDest struct{ p *int64 }

func (d *keyDest) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*d.p = n.Int64
	return nil
}

// timeDest scans a time stored as a time or as text into a time.Time.
type timeDest struct{ t *time.Time }

func (d *timeDest) Scan(src any) error {
	t, ok, err := toTime(src)
	if err != nil {
		return err
	}
	if !ok {
		*d.t = time.Time{}
		return nil
	}
	*d.t = t
	return nil
}

type timePtrDest struct{ p **time.Time }

func (d *timePtrDest) Scan(src any) error {
	t, ok, err := toTime(src)
	if err != nil || !ok {
		*d.p = nil
		return err
	}
	*d.p = &t
	return nil
}

type nullTimeDest struct{ n *sql.NullTime }

func (d *nullTimeDest) Scan(src any) error {
	t, ok, err := toTime(src)
	if err != nil {
		return err
	}
	*d.n = sql.NullTime{Time: t, Valid: ok}
	return nil
}

// toTime converts a driver value to a UTC time; ok is false for NULL.
func toTime(src any) (time.Time, bool, error) {
	switch v := src.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v.UTC(), true, nil
	case string:
		t, err := dialect.ParseTime(v)
		return t, err == nil, err
	case []byte:
		t, err := dialect.ParseTime(string(v))
		return t, err == nil, err
	}
	return time.Time{}, false, fmt.Errorf("orm: cannot read %T as a time", src)
}
