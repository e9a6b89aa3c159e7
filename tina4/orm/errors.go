package orm

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// Sentinel errors. Test for them with errors.Is; errkind.Of gives their kind.
var (
	// ErrNotFound is returned by FindOrFail and by writes to a row that does
	// not exist (or is soft-deleted).
	ErrNotFound = errkind.New(errkind.NotFound, "orm: record not found")
	// ErrConflict matches every *ConstraintError.
	ErrConflict = errkind.New(errkind.Conflict, "orm: constraint violated")
	// ErrInvalid matches every *ValidationError and bad identifiers or
	// arguments that came from a caller.
	ErrInvalid = errkind.New(errkind.Invalid, "orm: invalid input")
	// ErrNoDatabase is returned when no database is open: call SetDefault,
	// pass one with WithDB, or start the app with tina4.Run.
	ErrNoDatabase = errors.New("orm: no database: call orm.SetDefault or orm.WithDB first")
)

// ConstraintError is a write the database refused because it breaks a
// constraint: unique, foreign key, NOT NULL or CHECK.
type ConstraintError struct {
	// Constraint is "unique", "foreign key", "not null", "check" or "constraint".
	Constraint string
	// Err is the driver's error.
	Err error
	// Detail names what blocks, for a client, when the ORM could find out:
	// "author_id: no author with id 99", "authors 1 is still referenced by
	// posts". It is "" otherwise.
	Detail string
}

func (e *ConstraintError) Error() string { return e.Err.Error() }

// Unwrap returns the driver's error.
func (e *ConstraintError) Unwrap() error { return e.Err }

// Is matches ErrConflict.
func (e *ConstraintError) Is(target error) bool { return target == ErrConflict }

// Kind returns errkind.Conflict.
func (e *ConstraintError) Kind() errkind.Kind { return errkind.Conflict }

// PublicMessage is a message safe to show to an API client: the Detail
// when there is one, else the kind of constraint; never the SQL.
func (e *ConstraintError) PublicMessage() string {
	if e.Detail != "" {
		return e.Detail
	}
	switch e.Constraint {
	case "unique":
		return "Conflict: a record with this value already exists"
	case "foreign key":
		return "Conflict: the record is referenced by, or refers to, a record that blocks this change"
	case "not null":
		return "Conflict: a required column is missing"
	}
	return "Conflict: the change breaks a database constraint"
}

// invalidf returns an error of kind Invalid that matches ErrInvalid.
func invalidf(format string, args ...any) error {
	return &invalidError{msg: fmt.Sprintf(format, args...)}
}

type invalidError struct{ msg string }

func (e *invalidError) Error() string         { return e.msg }
func (e *invalidError) Is(target error) bool  { return target == ErrInvalid }
func (e *invalidError) Kind() errkind.Kind    { return errkind.Invalid }
func (e *invalidError) PublicMessage() string { return strings.TrimPrefix(e.msg, "orm: ") }

// wrap adds the operation and the table to err: "orm: save notes: ...".
func wrap(op, table string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("orm: %s %s: %w", op, table, err)
}
