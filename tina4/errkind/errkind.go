// Package errkind classifies errors by what went wrong, so that each layer can
// decide what to do about them without knowing who produced them.
//
// The ORM marks a missing row as NotFound and a broken constraint as Conflict;
// the response package maps each Kind to an HTTP status in one table. Neither
// package imports the other: they share only this vocabulary.
//
// A kind travels inside an error chain. Any error in the chain that has a
// Kind() Kind method decides the kind; wrapping with fmt.Errorf("...: %w", err)
// keeps it.
package errkind

import "errors"

// Kind is the class of an error.
type Kind uint8

// The kinds. Internal is the zero value: an error with no kind is a bug or an
// outage, never the caller's fault.
const (
	Internal           Kind = iota // something broke on our side
	NotFound                       // the thing asked for does not exist
	Invalid                        // the input is malformed or fails validation
	Conflict                       // the change breaks a constraint (unique, foreign key, NOT NULL)
	TooLarge                       // the input is over a size limit
	Unauthorized                   // no valid credentials
	Forbidden                      // valid credentials, not allowed
	Unavailable                    // a dependency (the database) is down; try again later
	PreconditionFailed             // a condition of the request (If-Match) does not hold
	Unsupported                    // the body's media type or encoding is not one the server reads
)

var kindNames = [...]string{
	Internal:     "internal",
	NotFound:     "not found",
	Invalid:      "invalid",
	Conflict:     "conflict",
	TooLarge:     "too large",
	Unauthorized: "unauthorized",
	Forbidden:    "forbidden",
	Unavailable:  "unavailable",

	PreconditionFailed: "precondition failed",
	Unsupported:        "unsupported media type",
}

// String returns the kind's name, such as "not found".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Kinded is implemented by errors that know their kind.
type Kinded interface {
	Kind() Kind
}

// Of returns the kind of the first error in err's chain that has one, and
// Internal when none does (or err is nil).
func Of(err error) Kind {
	var k Kinded
	if errors.As(err, &k) {
		return k.Kind()
	}
	return Internal
}

// Error is an error with a kind and a message. Use New for sentinels and Wrap
// to give a kind to an error that has none.
type Error struct {
	kind Kind
	msg  string
	err  error
}

// New returns an error of the given kind with a fixed message. It is meant for
// package-level sentinels such as orm.ErrNotFound.
func New(kind Kind, msg string) *Error { return &Error{kind: kind, msg: msg} }

// Wrap returns err marked with kind; errors.Is and errors.As still see err.
// Wrap of a nil error is nil.
func Wrap(kind Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{kind: kind, msg: err.Error(), err: err}
}

// Error returns the message.
func (e *Error) Error() string { return e.msg }

// Kind returns the error's kind.
func (e *Error) Kind() Kind { return e.kind }

// Unwrap returns the wrapped error, if any.
func (e *Error) Unwrap() error { return e.err }

// Detailed is implemented by errors that carry a list of messages for the
// client, such as one line per failing field of a validation.
type Detailed interface {
	Details() []string
}

// Details returns the details of the first error in err's chain that has them.
func Details(err error) []string {
	var d Detailed
	if errors.As(err, &d) {
		return d.Details()
	}
	return nil
}
