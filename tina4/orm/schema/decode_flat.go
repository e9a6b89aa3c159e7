package schema

import (
	"encoding/json"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// The common request body is one flat object of plain values: strings
// without escapes, numbers, true, false and null. decodeFlat reads such a
// body in one pass over its bytes, without encoding/json's token decoder;
// anything else (an escape, a nested object or array, a syntax error)
// makes it give up, and DecodeJSON reads the body the general way, so every
// error is worded by one code path. Both paths hand each member to
// Decoded.member, in order, so they find the same problems and values.

// decodeFlat decodes b when it is one flat object of plain values (see
// above); ok false means b is something else and nothing was decided.
func (m *Model) decodeFlat(b []byte, dst reflect.Value, opt DecodeOptions) (out *Decoded, ok bool) {
	var sc flatScanner
	sc.b = b
	sc.space()
	if !sc.byte('{') {
		return nil, false
	}
	type member struct {
		key []byte
		raw []byte
	}
	var buf [16]member
	members := buf[:0]
	sc.space()
	if !sc.byte('}') {
		for {
			key, ok := sc.str()
			if !ok {
				return nil, false
			}
			sc.space()
			if !sc.byte(':') {
				return nil, false
			}
			sc.space()
			raw, ok := sc.value()
			if !ok {
				return nil, false
			}
			members = append(members, member{key[1 : len(key)-1], raw})
			sc.space()
			if sc.byte('}') {
				break
			}
			if !sc.byte(',') {
				return nil, false
			}
			sc.space()
		}
	}
	sc.space()
	if sc.i != len(b) {
		return nil, false
	}
	out = newFlatDecoded(m, b, len(members))
	for _, mb := range members {
		if f := m.byColumn[string(mb.key)]; f != nil {
			out.member(dst, f.Column, f, mb.raw, opt) // f.Column: the key, without a copy
			continue
		}
		key := string(mb.key)
		out.member(dst, key, m.Field(key), mb.raw, opt)
	}
	return out, true
}

// flatInline is how many members a flatDecoded holds without allocating
// more, and sharedTextMax the longest body whose strings share one copy of
// its text (see scalarArena.text).
const (
	flatInline    = 8
	sharedTextMax = 1024
)

// flatDecoded is a Decoded with its arena and room for flatInline members,
// allocated as one object: the common body costs one allocation (and one
// for Sent) instead of one per slice.
type flatDecoded struct {
	Decoded
	arena   scalarArena
	setsBuf [flatInline]fieldSet
	strsBuf [flatInline]string
	intsBuf [flatInline]int64
}

// newFlatDecoded returns the Decoded decodeFlat fills for n members of body
// b.
func newFlatDecoded(m *Model, b []byte, n int) *Decoded {
	fd := &flatDecoded{}
	fd.Decoded = Decoded{Sent: make(map[string]bool, n), m: m, arena: &fd.arena}
	if n <= flatInline {
		fd.sets, fd.arena.strs, fd.arena.ints = fd.setsBuf[:0], fd.strsBuf[:0], fd.intsBuf[:0]
	} else {
		fd.sets, fd.arena.strs, fd.arena.ints = make([]fieldSet, 0, n), make([]string, 0, n), make([]int64, 0, n)
	}
	if len(b) <= sharedTextMax {
		fd.arena.body, fd.arena.text = b, string(b)
	}
	return &fd.Decoded
}

// flatScanner reads the plain JSON values decodeFlat takes.
type flatScanner struct {
	b []byte
	i int
}

func (s *flatScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// byte consumes c when it is next.
func (s *flatScanner) byte(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// str reads a string without escapes, control characters or bytes that
// are not UTF-8, and returns it with its quotes.
func (s *flatScanner) str() ([]byte, bool) {
	start := s.i
	if !s.byte('"') {
		return nil, false
	}
	ascii := true
	for ; s.i < len(s.b); s.i++ {
		c := s.b[s.i]
		if plainStringByte[c] {
			continue
		}
		switch {
		case c == '"':
			s.i++
			if !ascii && !utf8.Valid(s.b[start:s.i]) {
				return nil, false
			}
			return s.b[start:s.i], true
		case c >= utf8.RuneSelf:
			ascii = false
		default: // a backslash or a control character
			return nil, false
		}
	}
	return nil, false
}

// plainStringByte marks the bytes a string holds as they are: ASCII that is not
// a control character, a quote or a backslash.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// value reads a string (see str), a number, true, false or null.
func (s *flatScanner) value() ([]byte, bool) {
	if s.i >= len(s.b) {
		return nil, false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.str()
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
			start := s.i
			s.i += len(lit)
			return s.b[start:s.i], true
		}
	}
	return nil, false
}

// number reads a number as JSON spells it:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *flatScanner) number() ([]byte, bool) {
	start := s.i
	s.byte('-')
	switch {
	case s.byte('0'):
	case s.i < len(s.b) && s.b[s.i] >= '1' && s.b[s.i] <= '9':
		s.digits()
	default:
		return nil, false
	}
	if s.byte('.') && !s.digits() {
		return nil, false
	}
	if s.byte('e') || s.byte('E') {
		if !s.byte('+') {
			s.byte('-')
		}
		if !s.digits() {
			return nil, false
		}
	}
	return s.b[start:s.i], true
}

// digits reads [0-9]* and reports whether there was at least one.
func (s *flatScanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// decodeScalar converts raw to f's type when that is a plain string, bool,
// integer or float type and raw is a value of the JSON kind it takes,
// exactly as encoding/json would; ok false leaves the value (and any error)
// to Field.DecodeJSON.
//
// With an arena, strings and int64s are set in it and returned as its
// addressable elements, so that putting them in a reflect.Value does not
// allocate each one again.
func (f *Field) decodeScalar(raw json.RawMessage, a *scalarArena) (v reflect.Value, ok bool) {
	if f.codec != CodecPlain || len(raw) == 0 {
		return reflect.Value{}, false
	}
	t, c := f.Type, raw[0]
	// Only the predeclared types: a named type may decode itself
	// (json.Unmarshaler).
	switch t {
	case typeString:
		// decodeFlat's strings (a != nil) are plain already.
		if c != '"' || a == nil && !plainString(raw) {
			return reflect.Value{}, false
		}
		if a == nil {
			return reflect.ValueOf(string(raw[1 : len(raw)-1])), true
		}
		str := a.textOf(raw)
		a.strs = append(a.strs, str)
		return reflect.ValueOf(&a.strs[len(a.strs)-1]).Elem(), true
	case typeBool:
		switch string(raw) {
		case "true":
			return reflect.ValueOf(true), true
		case "false":
			return reflect.ValueOf(false), true
		}
	case typeInt64, typeInt, typeInt32, typeInt16, typeInt8:
		if c != '-' && (c < '0' || c > '9') {
			return reflect.Value{}, false
		}
		n, err := strconv.ParseInt(string(raw), 10, t.Bits())
		if err != nil {
			return reflect.Value{}, false
		}
		if t == typeInt64 {
			if a == nil {
				return reflect.ValueOf(n), true
			}
			a.ints = append(a.ints, n)
			return reflect.ValueOf(&a.ints[len(a.ints)-1]).Elem(), true
		}
		v := reflect.New(t).Elem()
		v.SetInt(n)
		return v, true
	case typeUint, typeUint64, typeUint32, typeUint16, typeUint8:
		if c < '0' || c > '9' {
			return reflect.Value{}, false
		}
		n, err := strconv.ParseUint(string(raw), 10, t.Bits())
		if err != nil {
			return reflect.Value{}, false
		}
		v := reflect.New(t).Elem()
		v.SetUint(n)
		return v, true
	case typeFloat64, typeFloat32:
		if c != '-' && (c < '0' || c > '9') {
			return reflect.Value{}, false
		}
		n, err := strconv.ParseFloat(string(raw), t.Bits())
		if err != nil {
			return reflect.Value{}, false
		}
		v := reflect.New(t).Elem()
		v.SetFloat(n)
		return v, true
	}
	return reflect.Value{}, false
}

// The predeclared types decodeScalar converts.
var (
	typeString  = reflect.TypeFor[string]()
	typeBool    = reflect.TypeFor[bool]()
	typeInt     = reflect.TypeFor[int]()
	typeInt8    = reflect.TypeFor[int8]()
	typeInt16   = reflect.TypeFor[int16]()
	typeInt32   = reflect.TypeFor[int32]()
	typeInt64   = reflect.TypeFor[int64]()
	typeUint    = reflect.TypeFor[uint]()
	typeUint8   = reflect.TypeFor[uint8]()
	typeUint16  = reflect.TypeFor[uint16]()
	typeUint32  = reflect.TypeFor[uint32]()
	typeUint64  = reflect.TypeFor[uint64]()
	typeFloat32 = reflect.TypeFor[float32]()
	typeFloat64 = reflect.TypeFor[float64]()
)

// scalarArena holds the strings and int64s one decode reads (see
// decodeScalar). A slice that grows leaves the values already handed out in
// its old array, which they keep alive.
type scalarArena struct {
	strs []string
	ints []int64
	// body is the decoded body and text a copy of it, when it is short:
	// the strings of its values are then parts of text rather than one
	// copy each. A value kept keeps the whole (short) text alive.
	body []byte
	text string
}

// textOf returns the text of raw, a JSON string with its quotes and no
// escapes: a part of a.text when raw lies in a.body, a copy otherwise.
func (a *scalarArena) textOf(raw []byte) string {
	if a.text != "" {
		if start := cap(a.body) - cap(raw); start >= 0 && start+len(raw) <= len(a.body) &&
			&a.body[start] == &raw[0] {
			return a.text[start+1 : start+len(raw)-1]
		}
	}
	return string(raw[1 : len(raw)-1])
}

// plainString reports whether raw, a JSON string with its quotes, has no
// escapes, control characters or bytes that are not UTF-8: its text is
// then the bytes between the quotes.
func plainString(raw []byte) bool {
	if len(raw) < 2 || raw[len(raw)-1] != '"' {
		return false
	}
	ascii := true
	for _, c := range raw[1 : len(raw)-1] {
		switch {
		case c == '"' || c == '\\' || c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return ascii || utf8.Valid(raw)
}
