package orm

import "github.com/tina4stack/tina4-go/tina4/orm/schema"

// Foreign keys to models with a text primary key (a UUID, a code) hold the
// key in ForeignKey.Text, and their column is text; integer keys stay in
// ForeignKey.ID. These helpers read a key either way.

// fkArg returns the key of ts as a query argument: int64, string, or nil
// for NULL.
func fkArg(ts targetSetter) any { return schema.KeyArg(ts) }

// fkRelKey returns the key of ts as a relKey, comparable with the target's
// primary key.
func fkRelKey(ts targetSetter) relKey {
	if t := *ts.TextPtr(); t != "" {
		return relKey{s: t, kind: 1}
	}
	return relKey{n: *ts.KeyPtr()}
}
