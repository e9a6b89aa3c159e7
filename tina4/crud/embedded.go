package crud

import (
	"bytes"
	"encoding/json"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// embeddedRelation reports whether key of a body that updates the stored
// row v (its primary key is set) names a relation of m with the value
// include writes for it (an object, an array or null), so that a record
// read with include can be sent back with PUT or PATCH as it is: such keys
// are ignored, and the relation changes through its foreign-key column
// (author_id) or the related model's own routes. ok is false for any other
// key, and for every key of a body that creates a row (there a relation is
// an unknown field: nested rows are not created). problem is set when key
// names a relation but the value is not what include writes ("author": 5),
// which is refused with a 400 saying which column to send.
func embeddedRelation(m *orm.Model, v any, key string, raw json.RawMessage) (ok bool, problem string) {
	if m.PK == nil || m.IsNew(v) {
		return false, ""
	}
	rel := m.Relation(key)
	if rel == nil {
		return false, ""
	}
	switch v := bytes.TrimSpace(raw); {
	case len(v) > 0 && (v[0] == '{' || v[0] == '['), bytes.Equal(v, []byte("null")):
		return true, ""
	}
	hint := "change it through its own routes"
	if rel.Key != nil {
		hint = "send " + rel.Key.Column + " to change it"
	}
	return true, key + ": is a relation, embedded by include and ignored in a body; " + hint
}
