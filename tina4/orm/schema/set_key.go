package schema

import "reflect"

// SetKeyFrom sets the primary key of v (a non-nil *T of the model) to id,
// a key as a router reads it from a path, when the key field holds it as
// it is: an int64 in an integer key field it fits, a string in a string
// key field. It reports whether it did; v is unchanged when not.
func (m *Model) SetKeyFrom(v any, id any) bool {
	if m.PK == nil {
		return false
	}
	dst, err := m.structOf(v)
	if err != nil {
		return false
	}
	f := dst.FieldByIndex(m.PK.Index)
	switch k := f.Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		n, ok := id.(int64)
		if !ok || f.OverflowInt(n) {
			return false
		}
		f.SetInt(n)
		return true
	case f.Type() == reflect.TypeFor[string]():
		s, ok := id.(string)
		if !ok {
			return false
		}
		f.SetString(s)
		return true
	}
	return false
}
