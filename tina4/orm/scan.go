package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
)

// scanStructs reads every row into a []T of model m. fields gives the field
// of each column in order; a nil entry discards that column.
func scanStructs[T any](m *Model, rows *sql.Rows, fields []*Field) ([]T, error) {
	defer rows.Close()
	out := make([]T, 0, 8)
	dests := make([]any, len(fields))
	for rows.Next() {
		var zero T
		out = append(out, zero)
		if err := scanRow(m, rows, reflect.ValueOf(&out[len(out)-1]).Elem(), fields, dests); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scanModel reads every row into a new []T of model m, as a reflect.Value,
// for code that knows the model only at run time.
func scanModel(m *Model, rows *sql.Rows) (reflect.Value, error) {
	defer rows.Close()
	out := reflect.MakeSlice(reflect.SliceOf(m.Type), 0, 8)
	zero := reflect.Zero(m.Type)
	dests := make([]any, len(m.Fields))
	for rows.Next() {
		out = reflect.Append(out, zero)
		if err := scanRow(m, rows, out.Index(out.Len()-1), m.Fields, dests); err != nil {
			return reflect.Value{}, err
		}
	}
	return out, rows.Err()
}

// scanRow scans the current row into rv, an addressable struct of model m.
func scanRow(m *Model, rows *sql.Rows, rv reflect.Value, fields []*Field, dests []any) error {
	for i, f := range fields {
		if f == nil {
			dests[i] = new(any) // a column the model does not have
			continue
		}
		dests[i] = f.dest(rv.FieldByIndex(f.Index))
	}
	if err := rows.Scan(dests...); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	m.bindRelations(rv)
	return nil
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
		fields[i] = m.byColumn[c]
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
