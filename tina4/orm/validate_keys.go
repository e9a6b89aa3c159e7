package orm

import "reflect"

// requiredKeys adds to failed "This field is required" for each NOT NULL
// foreign key of rv without a default whose value is zero (left out of a
// body, or 0): no row has such a key, so the database would refuse the
// write with a conflict that does not say which field is missing.
func requiredKeys(m *Model, rv reflect.Value, failed map[string]string) {
	for _, f := range m.Fields {
		if !isKeyField(f) || f.Nullable || f.HasDefault {
			continue
		}
		if _, seen := failed[f.Column]; seen {
			continue
		}
		v := rv.FieldByIndex(f.Index)
		if ts, ok := v.Addr().Interface().(targetSetter); ok { // orm.ForeignKey[T]: its ID, or its Text for a text key
			if fkArg(ts) == nil {
				failed[f.Column] = "This field is required"
			}
			continue
		}
		if v.IsZero() {
			failed[f.Column] = "This field is required"
		}
	}
}

// isKeyField reports whether f is a foreign-key column.
func isKeyField(f *Field) bool { return f.References != "" || f.Relation() != nil }
