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
		if v.CanAddr() { // no copy of the time into an interface
			return d.BindTime(*v.Addr().Interface().(*time.Time))
		}
		return d.BindTime(v.Interface().(time.Time))
	case codecTimePtr:
		if v.IsNil() {
			return nil
		}
		return d.BindTime(*v.Interface().(*time.Time))
	case codecNullTime:
		var nt sql.NullTime
		if v.CanAddr() {
			nt = *v.Addr().Interface().(*sql.NullTime)
		} else {
			nt = v.Interface().(sql.NullTime)
		}
		if !nt.Valid {
			return nil
		}
		return d.BindTime(nt.Time)
	case codecKey:
		return fkArg(v.Addr().Interface().(targetSetter))
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
