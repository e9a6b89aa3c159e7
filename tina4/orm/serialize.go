package orm

import (
	"fmt"
	"reflect"
)

// ToDict returns m (a *T or T of a model) as a map from column name to value,
// leaving out fields tagged hidden. With fields, only those columns are kept.
// Times stay time.Time (JSON renders them as RFC 3339 in UTC); NULLs are nil.
func ToDict(m any, fields ...string) (map[string]any, error) {
	meta, rv, err := modelOfAny(m)
	if err != nil {
		return nil, err
	}
	pick := pickSet(fields)
	out := make(map[string]any, len(meta.Fields))
	for _, f := range meta.Fields {
		if f.Hidden || pick != nil && !pick[f.Column] {
			continue
		}
		out[f.Column] = f.Value(rv.FieldByIndex(f.Index))
	}
	for _, r := range meta.Relations {
		if pick != nil && !pick[r.Name] {
			continue
		}
		v, ok, err := loadedRelation(r, rv)
		if err != nil {
			return nil, err
		}
		if ok {
			out[r.Name] = v
		}
	}
	return out, nil
}

// loadedRelation returns a loaded relation of row as plain values (a map, a
// list of maps, or nil); ok is false when the relation is not loaded.
func loadedRelation(r *Relation, row reflect.Value) (any, bool, error) {
	fv := row.FieldByIndex(r.Index).Addr().Interface()
	var (
		val    any
		loaded bool
	)
	switch x := fv.(type) {
	case targetSetter:
		val, loaded = x.loadedTarget()
		if loaded && reflect.ValueOf(val).IsNil() {
			return nil, true, nil
		}
	case itemsSetter:
		val, loaded = x.loadedItems()
	}
	if !loaded {
		return nil, false, nil
	}
	items := reflect.ValueOf(val)
	if items.Kind() == reflect.Pointer {
		d, err := ToDict(val)
		return d, true, err
	}
	if r.Kind == RelHasOne {
		if items.Len() == 0 {
			return nil, true, nil
		}
		d, err := ToDict(items.Index(0).Addr().Interface())
		return d, true, err
	}
	list := make([]map[string]any, items.Len())
	for i := range list {
		d, err := ToDict(items.Index(i).Addr().Interface())
		if err != nil {
			return nil, true, err
		}
		list[i] = d
	}
	return list, true, nil
}

// ToJSON returns m as a JSON object with column names as keys, in field
// order, leaving out hidden fields; with fields, only those columns.
func ToJSON(m any, fields ...string) ([]byte, error) {
	meta, rv, err := modelOfAny(m)
	if err != nil {
		return nil, err
	}
	b, err := appendJSON(make([]byte, 0, 256), meta, rv, pickSet(fields))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Dict is a model value that marshals to JSON with column names as keys
// (see ToJSON): res.JSON(orm.Dict{&note}) writes {"id":1,"title":...}.
type Dict struct{ Model any }

// MarshalJSON implements json.Marshaler.
func (d Dict) MarshalJSON() ([]byte, error) { return ToJSON(d.Model) }

// Dicts wraps a slice of models so that it marshals as a JSON array of
// objects with column names as keys.
func Dicts[T any](rows []T) []Dict {
	out := make([]Dict, len(rows))
	for i := range rows {
		out[i] = Dict{&rows[i]}
	}
	return out
}

func pickSet(fields []string) map[string]bool {
	if len(fields) == 0 {
		return nil
	}
	set := make(map[string]bool, len(fields))
	for _, f := range fields {
		set[f] = true
	}
	return set
}

// modelOfAny accepts a *T or a T.
func modelOfAny(v any) (*Model, reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, reflect.Value{}, fmt.Errorf("orm: nil %T", v)
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, reflect.Value{}, fmt.Errorf("orm: want a model struct, got %T", v)
	}
	if !rv.CanAddr() { // a struct passed by value: work on an addressable copy
		cp := reflect.New(rv.Type()).Elem()
		cp.Set(rv)
		rv = cp
	}
	m, err := modelOfType(rv.Type())
	return m, rv, err
}
