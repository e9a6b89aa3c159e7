package orm

import (
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// NotFoundError is the error of FindOrFail: no row of Table has the key ID
// (or the row is soft-deleted). It matches ErrNotFound, has
// errkind.NotFound (a 404 when a handler returns it) and names the row:
// "notes with id=999 not found".
type NotFoundError struct {
	// Table is the model's table, such as "notes".
	Table string
	// Column is the primary-key column, such as "id".
	Column string
	// ID is the key that was looked up.
	ID any
}

// Error returns "orm: notes with id=999 not found".
func (e *NotFoundError) Error() string { return "orm: " + e.PublicMessage() }

// PublicMessage returns "notes with id=999 not found", the text a client sees.
func (e *NotFoundError) PublicMessage() string {
	return fmt.Sprintf("%s with %s=%v not found", e.Table, e.Column, e.ID)
}

// Is matches ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Kind returns errkind.NotFound.
func (e *NotFoundError) Kind() errkind.Kind { return errkind.NotFound }

// notFound returns the NotFoundError of model m and key id.
func notFound(m *Model, id any) error {
	col := "id"
	if m.PK != nil {
		col = m.PK.Column
	}
	return &NotFoundError{Table: m.Table(), Column: col, ID: id}
}
