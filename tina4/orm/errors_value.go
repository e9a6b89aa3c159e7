package orm

import "github.com/tina4stack/tina4-go/tina4/errkind"

// ValueError is a value the database refused to store or compare: text that
// is not valid UTF-8 or holds a NUL character, text longer than its column,
// a number out of its column's range, a date the engine cannot read. The
// value came from the caller, so it matches ErrInvalid (a 400 in a web
// handler), with a message that names the problem and not the SQL.
type ValueError struct {
	// Problem says what was wrong, for a client: "a text value is longer
	// than its column allows".
	Problem string
	// Err is the driver's error.
	Err error
}

// Error returns the driver's message.
func (e *ValueError) Error() string { return e.Err.Error() }

// Unwrap returns the driver's error.
func (e *ValueError) Unwrap() error { return e.Err }

// Is matches ErrInvalid.
func (e *ValueError) Is(target error) bool { return target == ErrInvalid }

// Kind returns errkind.Invalid.
func (e *ValueError) Kind() errkind.Kind { return errkind.Invalid }

// PublicMessage is "Invalid value: " and the problem.
func (e *ValueError) PublicMessage() string { return "Invalid value: " + e.Problem }
