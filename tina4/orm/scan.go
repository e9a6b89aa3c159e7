package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// rowScanner scans the rows of one result into structs of one model. Its
// destinations are made once per result: plain fields are scanned straight
// into the struct (a pointer to the field, no allocation), fields with a
// codec through a reusable fieldDest, and columns the model does not have
// into one discarded value. Each row's fields are reached by their offsets
// (see fieldAccess), unless a field's path cannot be (then by reflect).
type rowScanner struct {
	m       *Model
	fields  []*Field       // the field of each column, nil to discard it
	acc     []*fieldAccess // the access of each field, nil for a discarded column
	coded   []*fieldDest   // the fieldDest of each column with a codec, else nil
	dests   []any
	cols    []scanCol // per column, for scanAt
	direct  bool      // every field is reached by its offset
	binds   []bind    // the reverse relations each row's key is given to
	discard any       // where the columns the model does not have go: one per scanner, scanners run concurrently
}

// scanCol is how scanAt points a column's destination at a row's field:
// the field's offset, and either its fieldDest or the kind of typed pointer
// to make (addr for the kinds not spelled out).
type scanCol struct {
	off   uintptr
	kind  accessKind
	skip  bool // a column the model does not have
	coded *fieldDest
	addr  func(unsafe.Pointer) any
}

// bind is a reverse relation of the scanner's model (HasMany, HasOne,
// ManyToMany), which learns each row's primary key (see bindRelations).
type bind struct {
	r   *Relation
	acc *relAccess
}

func newRowScanner(m *Model, fields []*Field) *rowScanner {
	s := &rowScanner{m: m, fields: fields, acc: make([]*fieldAccess, len(fields)),
		coded: make([]*fieldDest, len(fields)), dests: make([]any, len(fields)), direct: true}
	for i, f := range fields {
		if f != nil {
			s.acc[i] = accessOf(m, f)
			s.direct = s.direct && s.acc[i].direct
		}
	}
	for i, f := range fields {
		switch {
		case f == nil:
			s.dests[i] = &s.discard // a column the model does not have
		case f.Codec() != codecPlain && f.Codec() != codecScanner:
			s.coded[i] = &fieldDest{f: f}
			if s.direct {
				s.coded[i].acc = s.acc[i]
			}
			s.dests[i] = s.coded[i]
		}
	}
	binds, direct := bindsOf(m)
	s.binds, s.direct = binds, s.direct && direct
	s.cols = make([]scanCol, len(fields))
	for i, a := range s.acc {
		if a == nil {
			s.cols[i].skip = true
			continue
		}
		s.cols[i] = scanCol{off: a.off, kind: a.kind, coded: s.coded[i], addr: a.addr}
		if !plainKindType(a) {
			s.cols[i].kind = accessOther // a named type: its own pointer type, through addr
		}
	}
	return s
}

// plainKindType reports whether a's field is exactly string, int64, int,
// bool or float64 (not a named type of that kind, whose pointer is another
// type), so that scanAt may make the pointer itself.
func plainKindType(a *fieldAccess) bool {
	switch a.typ {
	case reflect.TypeFor[string](), reflect.TypeFor[int64](), reflect.TypeFor[int](), reflect.TypeFor[bool](), reflect.TypeFor[float64]():
		return true
	}
	return false
}

// scannerFor returns a scanner of model m for a result whose columns are
// fields; release it with done. Scanners of every field in order (the
// common case) are pooled per model.
func scannerFor(m *Model, fields []*Field) *rowScanner {
	if isAllFields(m, fields) {
		if s, ok := extOf(m).scanners.Get().(*rowScanner); ok {
			return s
		}
	}
	return newRowScanner(m, fields)
}

func isAllFields(m *Model, fields []*Field) bool {
	return len(fields) == len(m.Fields) && len(fields) > 0 && &fields[0] == &m.Fields[0]
}

// done forgets the last row (so the pool holds no result alive) and pools s.
func (s *rowScanner) done() {
	if !isAllFields(s.m, s.fields) {
		return
	}
	for i, c := range s.coded {
		if c != nil {
			c.fv, c.p = reflect.Value{}, nil
		} else {
			s.dests[i] = nil
		}
	}
	extOf(s.m).scanners.Put(s)
}

// scan scans the current row into rv, an addressable struct of the model.
func (s *rowScanner) scan(rows *sql.Rows, rv reflect.Value) error {
	if s.direct {
		return s.scanAt(rows, rowBase(rv))
	}
	for i, f := range s.fields {
		switch {
		case f == nil:
		case s.coded[i] != nil:
			s.coded[i].fv = rv.FieldByIndex(f.Index)
		default:
			s.dests[i] = rv.FieldByIndex(f.Index).Addr().Interface()
		}
	}
	if err := rows.Scan(s.dests...); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	bindRelations(s.m, rv)
	return nil
}

// scanAt scans the current row into the struct of the model at base; only
// for a direct scanner.
func (s *rowScanner) scanAt(rows *sql.Rows, base unsafe.Pointer) error {
	dests := s.dests[:len(s.cols)]
	for i := range s.cols {
		c := &s.cols[i]
		p := unsafe.Add(base, c.off)
		switch {
		case c.skip:
		case c.coded != nil:
			c.coded.p = p
		case c.kind == accessString:
			dests[i] = (*string)(p)
		case c.kind == accessInt64:
			dests[i] = (*int64)(p)
		case c.kind == accessInt:
			dests[i] = (*int)(p)
		case c.kind == accessBool:
			dests[i] = (*bool)(p)
		case c.kind == accessFloat64:
			dests[i] = (*float64)(p)
		default:
			dests[i] = c.addr(p)
		}
	}
	if err := rows.Scan(s.dests...); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	s.bindAt(base)
	return nil
}

// bindAt is bindRelations for the row at base of a direct scanner.
func (s *rowScanner) bindAt(base unsafe.Pointer) { bindAt(s.m, s.binds, base) }

// bindsOf lists the reverse relations of m for bindAt, and whether all of
// them (and m's primary key) are reached by offset.
func bindsOf(m *Model) ([]bind, bool) {
	if !m.HasReverse() {
		return nil, true
	}
	direct := accessOf(m, m.PK).direct
	var out []bind
	for _, r := range m.Relations {
		if r.Kind != RelBelongsTo {
			a := relAccessOf(r)
			direct = direct && a.direct
			out = append(out, bind{r: r, acc: a})
		}
	}
	return out, direct
}

// bindAt is bindRelations for the row of m at base, whose reverse relations
// are binds (from bindsOf, all direct).
func bindAt(m *Model, binds []bind, base unsafe.Pointer) {
	if len(binds) == 0 {
		return
	}
	pk := accessOf(m, m.PK)
	owner := schema.PlainValue(pk.value(pk.at(base)))
	for _, b := range binds {
		b.acc.addr(b.acc.at(base)).(binder).bind(owner, b.r)
	}
}

// scanStructs reads every row into a []T of model m. fields gives the field
// of each column in order; a nil entry discards that column. capHint sizes
// the slice for the rows expected (0 when unknown). limit, when not 0, is the
// most rows the query can return (its LIMIT, or 1 for a primary key): once
// that many are read the rows are closed without asking the driver for the
// end, which on SQLite saves a call into C.
func scanStructs[T any](m *Model, rows *sql.Rows, fields []*Field, capHint, limit int) ([]T, error) {
	defer rows.Close()
	if capHint <= 0 {
		capHint = 8
	}
	out := make([]T, 0, capHint)
	s := scannerFor(m, fields)
	defer s.done()
	direct := s.direct && reflect.TypeFor[T]() == m.Type // T is m's struct: its rows are m's rows
	for rows.Next() {
		var zero T
		out = append(out, zero)
		var err error
		if direct {
			err = s.scanAt(rows, unsafe.Pointer(&out[len(out)-1]))
		} else {
			err = s.scan(rows, reflect.ValueOf(&out[len(out)-1]).Elem())
		}
		if err != nil {
			return nil, err
		}
		if len(out) == limit {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// appendZero appends a zero element to sl, an addressable slice, growing it
// by doubling, and returns the element.
func appendZero(sl reflect.Value) reflect.Value {
	n := sl.Len()
	if n == sl.Cap() {
		sl.Grow(max(n, 8))
	}
	sl.SetLen(n + 1)
	row := sl.Index(n)
	row.SetZero()
	return row
}

// fieldsForColumns maps the columns of a result to the model's fields; a
// column the model does not have maps to nil and is discarded.
func fieldsForColumns(m *Model, rows *sql.Rows) ([]*Field, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	fields := make([]*Field, len(cols))
	for i, c := range cols {
		if j := strings.LastIndexByte(c, '.'); j >= 0 {
			c = c[j+1:]
		}
		fields[i] = m.ByColumn(c)
	}
	return fields, nil
}

// scanMaps reads every row into a map from column name to value. Text that
// the driver returns as bytes becomes a string; binary columns stay []byte.
func scanMaps(rows *sql.Rows) ([]map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	binary := make([]bool, len(cols))
	for i, t := range types {
		n := strings.ToUpper(t.DatabaseTypeName())
		binary[i] = strings.Contains(n, "BLOB") || strings.Contains(n, "BINARY") || n == "BYTEA"
	}
	var out []map[string]any
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			v := vals[i]
			if b, ok := v.([]byte); ok {
				if binary[i] {
					v = append([]byte(nil), b...)
				} else {
					v = string(b)
				}
			}
			row[c] = v
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
