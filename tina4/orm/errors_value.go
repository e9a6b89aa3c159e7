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

// The problems a ValueError names.
const (
	problemEncoding = "text must be valid UTF-8 without NUL characters"
	problemTooLong  = "a text value is longer than its column allows"
	problemRange    = "a number is out of its column's range"
	problemTime     = "a date or time is not valid"
	problemOther    = "a value does not fit its column"
)

// pgValueProblem names the problem of a PostgreSQL data exception (SQLSTATE
// class 22), or "" for another error.
func pgValueProblem(code string) string {
	switch {
	case code == "22021" || code == "22P05":
		return problemEncoding
	case code == "22001":
		return problemTooLong
	case code == "22003":
		return problemRange
	case code == "22007" || code == "22008":
		return problemTime
	case len(code) == 5 && code[:2] == "22":
		return problemOther
	}
	return ""
}

// mysqlValueProblem names the problem of a MySQL data error, or "".
func mysqlValueProblem(number uint16) string {
	switch number {
	case 1366, 1300: // incorrect string value, invalid character string
		return problemEncoding
	case 1406: // data too long
		return problemTooLong
	case 1264, 1690: // out of range
		return problemRange
	case 1292, 1367: // incorrect datetime value
		return problemTime
	case 1265: // data truncated
		return problemOther
	}
	return ""
}
