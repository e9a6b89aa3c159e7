package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
)

// fieldDest is a reusable scan destination for one column: each row points
// it at that row's field (fv), and Scan stores the driver value there. It
// serves the fields whose codec needs work (times, foreign keys) without a
// new destination per row, and the columns of a LEFT JOIN, which may be NULL
// where the field cannot be: null then records that the column was NULL and
// leaves the field at its zero value.
type fieldDest struct {
	f    *Field
	fv   reflect.Value
	null bool
}

// Scan implements sql.Scanner.
func (d *fieldDest) Scan(src any) error {
	d.null = src == nil
	if d.null {
		d.fv.SetZero()
		return nil
	}
	return d.f.Scan(d.fv, src)
}

// rowScanner scans the rows of one result into structs of one model. Its
// destinations are made once per result: plain fields are scanned straight
// into the struct (a pointer to the field, no allocation), fields with a
// codec through a reusable fieldDest, and columns the model does not have
// into one discarded value.
type rowScanner struct {
	m       *Model
	fields  []*Field     // the field of each column, nil to discard it
	coded   []*fieldDest // the fieldDest of each column with a codec, else nil
	dests   []any
	discard any // where the columns the model does not have go: one per scanner, scanners run concurrently
}

func newRowScanner(m *Model, fields []*Field) *rowScanner {
	s := &rowScanner{m: m, fields: fields, coded: make([]*fieldDest, len(fields)), dests: make([]any, len(fields))}
	for i, f := range fields {
		switch {
		case f == nil:
			s.dests[i] = &s.discard // a column the model does not have
		case f.Codec() != codecPlain && f.Codec() != codecScanner:
			s.coded[i] = &fieldDest{f: f}
			s.dests[i] = s.coded[i]
		}
	}
	return s
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
			c.fv = reflect.Value{}
		} else {
			s.dests[i] = nil
		}
	}
	extOf(s.m).scanners.Put(s)
}

// scan scans the current row into rv, an addressable struct of the model.
func (s *rowScanner) scan(rows *sql.Rows, rv reflect.Value) error {
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
	for rows.Next() {
		var zero T
		out = append(out, zero)
		if err := s.scan(rows, reflect.ValueOf(&out[len(out)-1]).Elem()); err != nil {
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
