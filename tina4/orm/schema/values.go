package schema

import (
	"fmt"
	"reflect"
	"strconv"
)

// structOf returns the struct behind v, a non-nil *T of model m.
func (m *Model) structOf(v any) (reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Type().Elem() != m.Type {
		return reflect.Value{}, fmt.Errorf("orm: want a non-nil *%s, got %T", m.Name, v)
	}
	return rv.Elem(), nil
}

// mustStruct is structOf for callers that hold a *T of the model by
// construction; anything else is a programming error.
func (m *Model) mustStruct(v any) reflect.Value {
	rv, err := m.structOf(v)
	if err != nil {
		panic(err.Error())
	}
	return rv
}

// New returns a pointer to a new zero row of the model (a *T in an any).
func (m *Model) New() any { return reflect.New(m.Type).Interface() }

// Clone returns a copy of v, a *T of the model, as a new *T.
func (m *Model) Clone(v any) any {
	p := reflect.New(m.Type)
	p.Elem().Set(m.mustStruct(v))
	return p.Interface()
}

// IsNew reports whether v, a *T of the model, has a zero primary key: a row
// not saved yet.
func (m *Model) IsNew(v any) bool {
	return m.mustStruct(v).FieldByIndex(m.PK.Index).IsZero()
}

// ValueIn returns the value of field f in v, a *T of its model, as plain
// data (see Field.Value).
func (f *Field) ValueIn(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("orm: want a non-nil pointer to a model, got %T", v))
	}
	return f.Value(rv.Elem().FieldByIndex(f.Index))
}

// ApplyDefaults gives the writable columns of v (a *T of the model) that
// are not in sent and hold their zero value the value of their default tag,
// so that validation sees what a save would write.
func (m *Model) ApplyDefaults(v any, sent map[string]bool) {
	dst := m.mustStruct(v)
	for _, f := range m.Fields {
		dv, ok := f.DefaultValue()
		if !ok || sent[f.Column] || !f.Writable() {
			continue
		}
		if fv := dst.FieldByIndex(f.Index); fv.IsZero() {
			fv.Set(dv)
		}
	}
}

// In returns the Go value of field f in v, a *T of its model, as it is
// held (a time.Time, a *string, an sql.NullInt64...).
func (f *Field) In(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("orm: want a non-nil pointer to a model, got %T", v))
	}
	return rv.Elem().FieldByIndex(f.Index).Interface()
}

// AppendInt appends the value of integer field f in v, a *T of its model,
// in decimal (the version column's value in an ETag).
func (f *Field) AppendInt(dst []byte, v any) []byte {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("orm: want a non-nil pointer to a model, got %T", v))
	}
	fv := rv.Elem().FieldByIndex(f.Index)
	if fv.CanInt() {
		return strconv.AppendInt(dst, fv.Int(), 10)
	}
	return strconv.AppendUint(dst, fv.Uint(), 10)
}
