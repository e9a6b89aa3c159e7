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

// AppendModelJSON appends v, a *T of the model m, as AppendJSON(dst, v)
// does, without looking the model up again: for a caller that writes many
// rows of a model it already holds. A v of any other type (or a nil m) is
// written as AppendJSON writes it.
func AppendModelJSON(dst []byte, m *Model, v any) ([]byte, error) {
	rv, ok := modelPointer(m, v)
	if !ok {
		return AppendJSON(dst, v)
	}
	return appendJSON(dst, m, rv, nil)
}

// AppendJSONParts appends v, a *T or T of the model m (nil: v's own
// model), as AppendJSON(dst, v) does and also returns columnsEnd, the
// length of out where v's columns end and its loaded relations (if any)
// begin: out[len(dst):columnsEnd] followed by '}' is v's columns alone as
// a JSON object (hidden ones left out), whether or not relations are
// loaded; columnsEnd == len(out)-1 when none was written. A caller can so
// hash or compare a record's columns without encoding it a second time.
func AppendJSONParts(dst []byte, m *Model, v any) (out []byte, columnsEnd int, err error) {
	rv, ok := modelPointer(m, v)
	if !ok {
		if m, rv, err = modelOfAny(v); err != nil {
			return dst, len(dst), err
		}
	}
	out, first, err := appendColumns(dst, m, rv, nil)
	if err != nil {
		return out, len(out), err
	}
	columnsEnd = len(out)
	out, err = appendRelations(out, m, rv, nil, first)
	if err != nil {
		return out, columnsEnd, err
	}
	return append(out, '}'), columnsEnd, nil
}

// modelPointer returns the struct v points to when v is a non-nil *T of
// the model m.
func modelPointer(m *Model, v any) (reflect.Value, bool) {
	rv := reflect.ValueOf(v)
	if m == nil || rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Type().Elem() != m.Type {
		return reflect.Value{}, false
	}
	return rv.Elem(), true
}

func appendJSON(dst []byte, meta *Model, rv reflect.Value, pick map[string]bool) ([]byte, error) {
	dst, first, err := appendColumns(dst, meta, rv, pick)
	if err != nil {
		return dst, err
	}
	if dst, err = appendRelations(dst, meta, rv, pick, first); err != nil {
		return dst, err
	}
	return append(dst, '}'), nil
}

// appendColumns opens the object and appends the columns of the row rv
// (those in pick, when pick is not nil); first reports that none was
// written.
func appendColumns(dst []byte, meta *Model, rv reflect.Value, pick map[string]bool) (out []byte, first bool, err error) {
	dst = append(dst, '{')
	first = true
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
		if dst, err = jf.Append(dst, rv.FieldByIndex(jf.F.Index)); err != nil {
			return dst, first, fmt.Errorf("orm: json %s.%s: %w", meta.Name, jf.F.Name, err)
		}
	}
	return dst, first, nil
}

// appendRelations appends the loaded relations of the row rv (those in
// pick, when pick is not nil) after its columns; first reports that no
// column was written, so the first relation needs no comma.
func appendRelations(dst []byte, meta *Model, rv reflect.Value, pick map[string]bool, first bool) ([]byte, error) {
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
	return dst, nil
}
