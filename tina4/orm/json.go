package orm

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// AppendJSON appends m (a *T or T of a model) to dst as the JSON object
// ToJSON returns: column names as keys, in field order, hidden fields left
// out, loaded relations after the columns, each related row written the
// same way (in its struct's field order); with fields, only those columns.
// It lets a caller write many rows into one buffer.
func AppendJSON(dst []byte, m any, fields ...string) ([]byte, error) {
	meta, rv, err := modelOfAny(m)
	if err != nil {
		return dst, err
	}
	return appendJSON(dst, meta, rv, pickSet(fields))
}

func appendJSON(dst []byte, meta *Model, rv reflect.Value, pick map[string]bool) ([]byte, error) {
	dst = append(dst, '{')
	first := true
	plan := meta.JSONPlan()
	for i := range plan {
		jf := &plan[i]
		if jf.F.Hidden || pick != nil && !pick[jf.F.Column] {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, jf.Key...)
		var err error
		if dst, err = jf.Append(dst, rv.FieldByIndex(jf.F.Index)); err != nil {
			return dst, fmt.Errorf("orm: json %s.%s: %w", meta.Name, jf.F.Name, err)
		}
	}
	for _, r := range meta.Relations {
		if pick != nil && !pick[r.Name] {
			continue
		}
		mark := len(dst)
		if !first {
			dst = append(dst, ',')
		}
		key, _ := json.Marshal(r.Name)
		dst = append(append(dst, key...), ':')
		var ok bool
		var err error
		if dst, ok, err = appendRelation(dst, r, rv); err != nil {
			return dst, fmt.Errorf("orm: json %s.%s: %w", meta.Name, r.Name, err)
		}
		if !ok {
			dst = dst[:mark] // not loaded: no key
			continue
		}
		first = false
	}
	return append(dst, '}'), nil
}
