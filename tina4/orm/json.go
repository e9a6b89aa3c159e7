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

// AppendJSONParts appends m as AppendJSON(dst, m) does and also returns
// columnsEnd, the length of out where m's columns end and its loaded
// relations (if any) begin: out[len(dst):columnsEnd] followed by '}' is m's
// columns alone as a JSON object (hidden ones left out), whether or not
// relations are loaded; columnsEnd == len(out)-1 when none was written. A
// caller can so hash or compare a record's columns without encoding it a
// second time.
func AppendJSONParts(dst []byte, m any) (out []byte, columnsEnd int, err error) {
	meta, rv, err := modelOfAny(m)
	if err != nil {
		return dst, len(dst), err
	}
	out, first, err := appendColumns(dst, meta, rv, nil)
	if err != nil {
		return out, len(out), err
	}
	columnsEnd = len(out)
	out, err = appendRelations(out, meta, rv, nil, first)
	if err != nil {
		return out, columnsEnd, err
	}
	return append(out, '}'), columnsEnd, nil
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
