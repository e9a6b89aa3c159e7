package schema

import (
	"database/sql"
	"database/sql/driver"
	"reflect"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Codec says how a field's value moves between the struct and the driver
// (and JSON), worked out once per field from its Go type.
type Codec uint8

// The codecs.
const (
	CodecPlain    Codec = iota // scanned and bound by database/sql itself
	CodecTime                  // time.Time: bound through the dialect, read from text or time
	CodecTimePtr               // *time.Time
	CodecNullTime              // sql.NullTime
	CodecScanner               // sql.Null[T] and the sql.NullX types
	CodecKey                   // ForeignKey[T]: its ID (0 for NULL), or its Text for a text-keyed target ("" for NULL)
)

// Bind returns the driver argument for the field's value v.
func (f *Field) Bind(v reflect.Value, d dialect.Dialect) any {
	switch f.codec {
	case CodecTime:
		if v.CanAddr() { // no copy of the time into an interface
			return d.BindTime(*v.Addr().Interface().(*time.Time))
		}
		return d.BindTime(v.Interface().(time.Time))
	case CodecTimePtr:
		if v.IsNil() {
			return nil
		}
		return d.BindTime(*v.Interface().(*time.Time))
	case CodecNullTime:
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
	case CodecKey:
		return KeyArg(v.Addr().Interface().(KeyValue))
	case CodecScanner:
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

// Value returns the field's value as plain data: a foreign key is its id,
// (int64 or string), or nil when NULL; see PlainValue for the rest.
func (f *Field) Value(v reflect.Value) any {
	if f.codec == CodecKey {
		return KeyArg(v.Addr().Interface().(KeyValue))
	}
	return PlainValue(v)
}

// PlainValue returns a field's value as JSON wants it: nil for NULL, the
// pointed-to value for pointers, the value inside sql.Null types.
func PlainValue(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	x := v.Interface()
	switch t := x.(type) {
	case time.Time:
		return t.UTC()
	case driver.Valuer:
		val, err := t.Value()
		if err != nil {
			return nil
		}
		if tm, ok := val.(time.Time); ok {
			return tm.UTC()
		}
		return val
	}
	return x
}

// ReadsNull reports whether a NULL in f's column loads into f: every codec
// but the plain one maps NULL to the zero value, and database/sql sets a
// pointer or a []byte to nil; a plain string, number or bool fails to scan.
func (f *Field) ReadsNull() bool {
	k := f.Type.Kind()
	return f.codec != CodecPlain || k == reflect.Pointer || k == reflect.Slice
}
