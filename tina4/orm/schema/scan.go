package schema

import (
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Scan stores the non-NULL driver value src in fv, a value of the field
// (scanned from a column), converting as its codec says: times from text or
// time.Time in UTC, foreign keys from an integer, sql.Scanner types by
// their Scan, basic kinds as database/sql's Scan converts.
func (f *Field) Scan(fv reflect.Value, src any) error {
	switch f.codec {
	case CodecTime, CodecTimePtr, CodecNullTime:
		t, ok, err := toTime(src)
		if err != nil || !ok {
			return err
		}
		switch p := fv.Addr().Interface().(type) {
		case *time.Time:
			*p = t
		case **time.Time:
			c := t // only this case moves the time to the heap
			*p = &c
		case *sql.NullTime:
			*p = sql.NullTime{Time: t, Valid: true}
		}
		return nil
	case CodecKey:
		if f.Kind == String {
			return assignTextKey(fv.Addr().Interface().(KeyField), src)
		}
		p := fv.Addr().Interface().(KeyField).KeyPtr()
		if id, ok := src.(int64); ok {
			*p = id
			return nil
		}
		var n sql.NullInt64
		if err := n.Scan(src); err != nil {
			return err
		}
		*p = n.Int64
		return nil
	case CodecScanner:
		return fv.Addr().Interface().(sql.Scanner).Scan(src)
	}
	if fv.Kind() == reflect.Pointer {
		p := reflect.New(fv.Type().Elem())
		if err := assignPlain(p.Elem(), src); err != nil {
			return err
		}
		fv.Set(p)
		return nil
	}
	return assignPlain(fv, src)
}

// assignPlain stores a driver value (int64, float64, bool, []byte, string)
// in a value of a basic kind, converting as database/sql's Scan does.
func assignPlain(dst reflect.Value, src any) error {
	var text string
	isText := false
	switch s := src.(type) {
	case string:
		text, isText = s, true
	case []byte:
		if dst.Kind() == reflect.Slice {
			dst.SetBytes(append([]byte(nil), s...))
			return nil
		}
		text, isText = string(s), true
	}
	switch dst.Kind() {
	case reflect.String:
		switch s := src.(type) {
		case int64:
			text, isText = strconv.FormatInt(s, 10), true
		case float64:
			text, isText = strconv.FormatFloat(s, 'g', -1, 64), true
		case bool:
			text, isText = strconv.FormatBool(s), true
		}
		if isText {
			dst.SetString(text)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := src.(int64)
		if isText {
			var err error
			if n, err = strconv.ParseInt(text, 10, dst.Type().Bits()); err != nil {
				return fmt.Errorf("converting %q to %s: %w", text, dst.Type(), err)
			}
			ok = true
		}
		if ok && !dst.OverflowInt(n) {
			dst.SetInt(n)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := src.(int64)
		if isText {
			u, err := strconv.ParseUint(text, 10, dst.Type().Bits())
			if err != nil {
				return fmt.Errorf("converting %q to %s: %w", text, dst.Type(), err)
			}
			dst.SetUint(u)
			return nil
		}
		if ok && n >= 0 && !dst.OverflowUint(uint64(n)) {
			dst.SetUint(uint64(n))
			return nil
		}
	case reflect.Float32, reflect.Float64:
		var x float64
		ok := true
		switch s := src.(type) {
		case float64:
			x = s
		case int64:
			x = float64(s)
		default:
			ok = false
			if isText {
				var err error
				if x, err = strconv.ParseFloat(text, dst.Type().Bits()); err != nil {
					return fmt.Errorf("converting %q to %s: %w", text, dst.Type(), err)
				}
				ok = true
			}
		}
		if ok {
			dst.SetFloat(x)
			return nil
		}
	case reflect.Bool:
		switch s := src.(type) {
		case bool:
			dst.SetBool(s)
			return nil
		case int64:
			dst.SetBool(s != 0)
			return nil
		}
		if isText {
			b, err := strconv.ParseBool(text)
			if err != nil {
				return fmt.Errorf("converting %q to %s: %w", text, dst.Type(), err)
			}
			dst.SetBool(b)
			return nil
		}
	case reflect.Slice:
		if s, ok := src.(string); ok && dst.Type().Elem().Kind() == reflect.Uint8 {
			dst.SetBytes([]byte(s))
			return nil
		}
	}
	return assignConverted(dst, src)
}

// assignConverted is the slow path of assignPlain for the driver values it
// does not know (a time.Time into a string, a MySQL float32, ...): the
// sql.Null types scan through database/sql's own conversions, so a column
// reads the same here as through Rows.Scan.
func assignConverted(dst reflect.Value, src any) error {
	fail := func(err error) error {
		return fmt.Errorf("cannot store %T in a field of type %s: %w", src, dst.Type(), err)
	}
	switch dst.Kind() {
	case reflect.String:
		var v sql.NullString
		if err := v.Scan(src); err != nil {
			return fail(err)
		}
		dst.SetString(v.String)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var v sql.NullInt64
		if err := v.Scan(src); err != nil {
			return fail(err)
		}
		if dst.OverflowInt(v.Int64) {
			return fail(fmt.Errorf("%d overflows it", v.Int64))
		}
		dst.SetInt(v.Int64)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		var v sql.Null[uint64]
		if err := v.Scan(src); err != nil {
			return fail(err)
		}
		if dst.OverflowUint(v.V) {
			return fail(fmt.Errorf("%d overflows it", v.V))
		}
		dst.SetUint(v.V)
	case reflect.Float32, reflect.Float64:
		var v sql.NullFloat64
		if err := v.Scan(src); err != nil {
			return fail(err)
		}
		dst.SetFloat(v.Float64)
	case reflect.Bool:
		var v sql.NullBool
		if err := v.Scan(src); err != nil {
			return fail(err)
		}
		dst.SetBool(v.Bool)
	default:
		return fmt.Errorf("cannot store %T in a field of type %s", src, dst.Type())
	}
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
