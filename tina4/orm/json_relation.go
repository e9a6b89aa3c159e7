package orm

import (
	"reflect"
)

// appendRelation appends the JSON of a loaded relation of row: each related
// row is written as appendJSON writes the top level (columns in field
// order, hidden ones left out, then its own loaded relations), so embedded
// rows keep the struct's key order; a BelongsTo or HasOne with no row is
// null. ok is false, and nothing is appended, when the relation is not
// loaded.
func appendRelation(dst []byte, r *Relation, row reflect.Value) (out []byte, ok bool, err error) {
	fv := row.FieldByIndex(r.Index).Addr().Interface()
	var (
		val    any
		loaded bool
	)
	switch x := fv.(type) {
	case targetSetter:
		val, loaded = x.loadedTarget()
	case itemsSetter:
		val, loaded = x.loadedItems()
	}
	if !loaded {
		return dst, false, nil
	}
	target, err := r.Target()
	if err != nil {
		return dst, true, err
	}
	items := reflect.ValueOf(val)
	one := func(dst []byte, v reflect.Value) ([]byte, error) {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return append(dst, "null"...), nil
			}
			v = v.Elem()
		}
		return appendJSON(dst, target, v, nil)
	}
	switch {
	case items.Kind() == reflect.Pointer:
		dst, err = one(dst, items)
		return dst, true, err
	case r.Kind == RelHasOne:
		if items.Len() == 0 {
			return append(dst, "null"...), true, nil
		}
		dst, err = one(dst, items.Index(0))
		return dst, true, err
	}
	dst = append(dst, '[')
	for i := 0; i < items.Len(); i++ {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = one(dst, items.Index(i)); err != nil {
			return dst, true, err
		}
	}
	return append(dst, ']'), true, nil
}
