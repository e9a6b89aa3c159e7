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
}

func (e *ConstraintError) Error() string { return e.Err.Error() }

// Unwrap returns the driver's error.
func (e *ConstraintError) Unwrap() error { return e.Err }

// Is matches ErrConflict.
func (e *ConstraintError) Is(target error) bool { return target == ErrConflict }

// Kind returns errkind.Conflict.
func (e *ConstraintError) Kind() errkind.Kind { return errkind.Conflict }

// PublicMessage is a message safe to show to an API client: it names the
// kind of constraint, not the SQL.
func (e *ConstraintError) PublicMessage() string {
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

// constraintOf names the constraint in a driver message, or "".
func constraintOf(msg string) string {
	m := strings.ToLower(msg)
	switch {
	case strings.Contains(m, "unique") || strings.Contains(m, "duplicate"):
		return "unique"
	case strings.Contains(m, "foreign key"):
		return "foreign key"
	case strings.Contains(m, "not null") || strings.Contains(m, "cannot be null"):
		return "not null"
	case strings.Contains(m, "check"):
		return "check"
	}
	return "constraint"
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

// NotFoundError is a row that does not exist, named by its table and key:
// "orm: notes with id=999 not found". It matches ErrNotFound.
type NotFoundError struct {
	// Table is the model's table, Key its primary-key column, Value the key asked for.
	Table, Key string
	Value      any
}

// Error returns "orm: <table> with <key>=<value> not found".
func (e *NotFoundError) Error() string { return "orm: " + e.PublicMessage() }

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Kind returns errkind.NotFound.
func (e *NotFoundError) Kind() errkind.Kind { return errkind.NotFound }

// PublicMessage is the message without the package prefix.
func (e *NotFoundError) PublicMessage() string {
	return fmt.Sprintf("%s with %s=%v not found", e.Table, e.Key, e.Value)
}
