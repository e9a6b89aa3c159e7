package orm

import (
	"math"
	"reflect"
)

// Unsigned 64-bit values: every engine stores integer columns as signed
// 64-bit (BIGINT), so a uint64 (or uint) above math.MaxInt64 cannot be
// stored or compared without wrapping into a negative number. The ORM
// refuses such a value as invalid input (ErrInvalid) before it reaches the
// driver: in a field that Save, Create or InsertMany writes, in the key
// Find and FindOrFail look up, and in a filter value.

// uintOutOfRange reports whether v is an unsigned integer above MaxInt64.
func uintOutOfRange(v reflect.Value) bool {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	return v.CanUint() && v.Uint() > math.MaxInt64
}

// checkUintFields refuses a row holding an unsigned value that no engine stores.
func checkUintFields(m *Model, rv reflect.Value) error {
	for _, f := range m.Fields {
		if !wideUint(f.Type) {
			continue // the common case: no reflection on the value
		}
		if uintOutOfRange(rv.FieldByIndex(f.Index)) {
			return invalidf("orm: %s.%s: %v is above the largest value an integer column holds (%d)",
				m.Name, f.Name, rv.FieldByIndex(f.Index).Interface(), int64(math.MaxInt64))
		}
	}
	return nil
}

// checkUintArg refuses an unsigned argument no engine compares correctly.
func checkUintArg(what string, v any) error {
	if v != nil && uintOutOfRange(reflect.ValueOf(v)) {
		return invalidf("orm: %s %v is above the largest value an integer column holds (%d)", what, v, int64(math.MaxInt64))
	}
	return nil
}

// wideUint reports whether t (or what it points to) is a uint64 or uint.
func wideUint(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Uint64 || t.Kind() == reflect.Uint || t.Kind() == reflect.Uintptr
}
