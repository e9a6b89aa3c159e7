package schema

import (
	"encoding/json"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// JSONField is how one field is written as JSON, worked out once per model
// (see Model.JSONPlan).
type JSONField struct {
	// F is the field.
	F *Field
	// Key is the quoted column name and a colon: "title":
	Key  string
	fast jsonKind
}

// jsonKind says how a field's value is written: fast paths for the common
// types, else encoding/json on its plain value.
type jsonKind uint8

const (
	jsonGeneric jsonKind = iota
	jsonString
	jsonInt
	jsonUint
	jsonBool
	jsonTime
	jsonKey
)

// JSONPlan returns the model's fields as JSON writes them, in field order,
// building the plan on first use.
func (m *Model) JSONPlan() []JSONField {
	m.jsonOnce.Do(func() {
		for _, f := range m.Fields {
			key, _ := json.Marshal(f.Column)
			m.jsonFields = append(m.jsonFields, JSONField{F: f, Key: string(key) + ":", fast: jsonKindOf(f)})
		}
	})
	return m.jsonFields
}

func jsonKindOf(f *Field) jsonKind {
	switch f.codec {
	case CodecKey:
		return jsonKey
	case CodecTime, CodecTimePtr:
		return jsonTime
	case CodecNullTime, CodecScanner:
		return jsonGeneric
	}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() != "" { // a named type may marshal itself: leave it to encoding/json
		return jsonGeneric
	}
	switch t.Kind() {
	case reflect.String:
		return jsonString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return jsonInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return jsonUint
	case reflect.Bool:
		return jsonBool
	}
	return jsonGeneric
}

// Append appends the JSON of v, a value of the field; the output is the
// same as encoding/json's for the field's plain value (see Field.Value).
func (jf *JSONField) Append(dst []byte, v reflect.Value) ([]byte, error) {
	switch jf.fast {
	case jsonKey:
		switch id := KeyArg(v.Addr().Interface().(KeyValue)).(type) {
		case int64:
			return strconv.AppendInt(dst, id, 10), nil
		case string:
			return appendString(dst, id)
		}
		return append(dst, "null"...), nil
	case jsonTime:
		var t time.Time
		if p, ok := v.Addr().Interface().(**time.Time); ok {
			if *p == nil {
				return append(dst, "null"...), nil
			}
			t = **p
		} else {
			t = *v.Addr().Interface().(*time.Time)
		}
		return appendTime(dst, t)
	case jsonGeneric:
		return appendMarshal(dst, jf.F.Value(v))
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return append(dst, "null"...), nil
		}
		v = v.Elem()
	}
	switch jf.fast {
	case jsonString:
		return appendString(dst, v.String())
	case jsonInt:
		return strconv.AppendInt(dst, v.Int(), 10), nil
	case jsonUint:
		return strconv.AppendUint(dst, v.Uint(), 10), nil
	default: // jsonBool
		return strconv.AppendBool(dst, v.Bool()), nil
	}
}

func appendMarshal(dst []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// appendTime writes t in UTC as encoding/json does (RFC 3339 with
// nanoseconds), which refuses years outside 0-9999.
func appendTime(dst []byte, t time.Time) ([]byte, error) {
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		return appendMarshal(dst, t)
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"'), nil
}

// appendString quotes s as encoding/json does. Text that needs no escaping
// is copied as is; anything else (quotes, backslashes, control characters,
// <, > and &, invalid UTF-8, U+2028 and U+2029) goes through encoding/json.
func appendString(dst []byte, s string) ([]byte, error) {
	i := plainASCII(s)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !jsonSafe[c] {
				return appendMarshal(dst, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshal(dst, s)
		}
		i += size
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"'), nil
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are in a
// string: not control characters, '"', '\\', '<', '>' or '&'.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// Word-at-a-time constants: every byte 0x01, every byte 0x80.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainASCII returns the length of the prefix of s, in whole 8-byte words,
// of ASCII bytes encoding/json writes as they are (see jsonSafe), testing
// eight bytes at a time; appendString checks the rest byte by byte.
func plainASCII(s string) int {
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// A byte >= 0x80, a byte < 0x20, or a byte equal to one of " \ < > &.
		bad := x |
			(x-0x20*ones)&^x |
			hasZero(x^('"'*ones)) | hasZero(x^('\\'*ones)) |
			hasZero(x^('<'*ones)) | hasZero(x^('>'*ones)) | hasZero(x^('&'*ones))
		if bad&highs != 0 {
			break
		}
	}
	return i
}

// hasZero has a byte's high bit set when a byte of x is zero (and may have
// others set: callers keep only the high bits).
func hasZero(x uint64) uint64 { return (x - ones) &^ x }
