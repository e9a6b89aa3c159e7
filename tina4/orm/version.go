package orm

import (
	"context"
	"reflect"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// ErrStale is returned by Save, Update, Delete and Restore of a model with a
// version column when the row was changed by someone else since the value
// was read: its version in the database is no longer the value's. Nothing is
// written. Read the row again, apply the change again, and retry. Its kind
// is errkind.Conflict (409 through AutoCrud).
var ErrStale error = staleError{}

type staleError struct{}

func (staleError) Error() string      { return "orm: stale record: the row was changed since it was read" }
func (staleError) Kind() errkind.Kind { return errkind.Conflict }

// PublicMessage is the message an API client sees.
func (staleError) PublicMessage() string {
	return "Conflict: the record was changed since it was read; read it again and retry"
}

// stampVersion sets the version of a row about to be inserted to 1.
func stampVersion(m *Model, rv reflect.Value) {
	if m.Version != nil {
		setInt(rv.FieldByIndex(m.Version.Index), 1)
	}
}

// bumpVersion adds one to the version of a row just updated.
func bumpVersion(m *Model, rv reflect.Value) {
	if m.Version == nil {
		return
	}
	v := rv.FieldByIndex(m.Version.Index)
	if v.CanInt() {
		v.SetInt(v.Int() + 1)
	} else {
		v.SetUint(v.Uint() + 1)
	}
}

// versionWhere returns the condition on the version of m for a statement
// whose version placeholder is number n, and the value bound to it; "" and
// nil when m has no version column.
func versionWhere(s session, m *Model, rv reflect.Value, n int) (string, any) {
	if m.Version == nil {
		return "", nil
	}
	d := s.db.dialect
	return " AND " + d.Quote(m.Version.Column) + " = " + d.Placeholder(n), m.Version.Bind(rv.FieldByIndex(m.Version.Index), d)
}

// missingOrStale explains a write that touched no row of m: ErrStale when
// the row rv names is there (and meets cond, an SQL condition or "") but its
// version differs, else ErrNotFound.
func missingOrStale(ctx context.Context, s session, m *Model, rv reflect.Value, cond string) error {
	if m.Version == nil {
		return ErrNotFound
	}
	d := s.db.dialect
	ms := sqlOf(m, d)
	q := "SELECT 1 FROM " + ms.table + " WHERE " + d.Quote(m.PK.Column) + " = " + d.Placeholder(1)
	if cond != "" {
		q += " AND " + cond
	}
	rows, err := s.query(ctx, q, m.PK.Bind(rv.FieldByIndex(m.PK.Index), d))
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return ErrStale
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return ErrNotFound
}
