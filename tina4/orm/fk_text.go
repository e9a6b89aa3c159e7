package orm

import (
	"fmt"
	"reflect"
	"strings"
)

// Foreign keys to models with a text primary key (a UUID, a code) hold the
// key in ForeignKey.Text, and their column is text; integer keys stay in
// ForeignKey.ID. These helpers read a key either way.

// fkArg returns the key of ts as a query argument: int64, string, or nil
// for NULL.
func fkArg(ts targetSetter) any {
	if t := *ts.textPtr(); t != "" {
		return t
	}
	if id := *ts.keyPtr(); id != 0 {
		return id
	}
	return nil
}

// fkRelKey returns the key of ts as a relKey, comparable with the target's
// primary key.
func fkRelKey(ts targetSetter) relKey {
	if t := *ts.textPtr(); t != "" {
		return relKey{s: t, kind: 1}
	}
	return relKey{n: *ts.keyPtr()}
}

// assignTextKey stores a text key read from the database.
func assignTextKey(ts targetSetter, src any) error {
	switch v := src.(type) {
	case string:
		*ts.textPtr() = v
	case []byte:
		*ts.textPtr() = string(v)
	default:
		return fmt.Errorf("cannot read %T as a text key", src)
	}
	return nil
}

// textKeyed reports whether model type t has a text primary key, found as
// parseModel finds it (the field tagged pk, else the column id) without
// parsing the model, so that a model may point at itself.
func textKeyed(t reflect.Type) bool {
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
