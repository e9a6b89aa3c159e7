package schema

import (
	"fmt"
	"reflect"
	"strings"
)

// KeyValue is the key of a declared foreign key (implemented on the
// pointer by orm.ForeignKey and orm.NullForeignKey): ID for a target with
// an integer primary key, Text for one with a text key; 0 and "" are NULL.
type KeyValue interface {
	KeyPtr() *int64
	TextPtr() *string
}

// KeyArg returns the key of k as a query argument or plain value: int64,
// string, or nil for NULL.
func KeyArg(k KeyValue) any {
	if t := *k.TextPtr(); t != "" {
		return t
	}
	if id := *k.KeyPtr(); id != 0 {
		return id
	}
	return nil
}

// assignTextKey stores a text key read from the database.
func assignTextKey(ts KeyValue, src any) error {
	switch v := src.(type) {
	case string:
		*ts.TextPtr() = v
	case []byte:
		*ts.TextPtr() = string(v)
	default:
		return fmt.Errorf("cannot read %T as a text key", src)
	}
	return nil
}

// TextKeyed reports whether model type t has a text primary key, found as
// the registry finds it (the field tagged pk, else the column id) without
// parsing the model, so that a model may point at itself.
func TextKeyed(t reflect.Type) bool {
	var pk, id reflect.Type
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag, tagged := sf.Tag.Lookup("db")
			if tag == "-" {
				continue
			}
			if sf.Anonymous && !tagged && sf.Type.Kind() == reflect.Struct && sf.Type != timeType {
				walk(sf.Type)
				continue
			}
			parts := strings.Split(tag, ",")
			col := strings.TrimSpace(parts[0])
			if col == "" {
				col = CamelToSnake(sf.Name)
			}
			for _, opt := range parts[1:] {
				if strings.TrimSpace(opt) == "pk" && pk == nil {
					pk = sf.Type
				}
			}
			if col == "id" && id == nil {
				id = sf.Type
			}
		}
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	walk(t)
	if pk == nil {
		pk = id
	}
	return pk != nil && pk.Kind() == reflect.String
}
