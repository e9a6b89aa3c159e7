package response

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// HTTPError is an error a handler returns to answer with a status of its
// choosing and the JSON error body {"error": message}: the router writes it
// with WriteError. NotFound, BadRequest, Conflict and Errorf make one.
// Wrapped with fmt.Errorf("...: %w", err) it keeps its status and message.
type HTTPError struct {
	// Status is the answer's status, 400 to 599.
	Status int
	// Msg is the message the client reads, whatever the status (a 5xx
	// message of one's own is shown too).
	Msg string
	err error
}

// NotFound returns an error that answers 404 {"error": msg}:
//
//	if author == nil {
//		return response.NotFound("Author not found")
//	}
func NotFound(msg string) error { return &HTTPError{Status: http.StatusNotFound, Msg: msg} }

// BadRequest returns an error that answers 400 {"error": msg}.
func BadRequest(msg string) error { return &HTTPError{Status: http.StatusBadRequest, Msg: msg} }

// Conflict returns an error that answers 409 {"error": msg}.
func Conflict(msg string) error { return &HTTPError{Status: http.StatusConflict, Msg: msg} }

// Errorf returns an error that answers status (400 to 599) with the message
// fmt.Sprintf(format, args...); a %w verb wraps its error, for errors.Is and
// errors.As. A status outside 400 to 599 is a mistake in the handler: the
// error then answers 500 Internal Server Error and is logged.
func Errorf(status int, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	if status < 400 || status > 599 {
		return fmt.Errorf("response: Errorf(%d, ...) needs a status from 400 to 599: %w", status, err)
	}
	return &HTTPError{Status: status, Msg: err.Error(), err: errors.Unwrap(err)}
}

// Error returns the message.
func (e *HTTPError) Error() string { return e.Msg }

// PublicMessage returns the message: the client reads it (see Message).
func (e *HTTPError) PublicMessage() string { return e.Msg }

// HTTPStatus returns the status the error answers with.
func (e *HTTPError) HTTPStatus() int { return e.Status }

// Unwrap returns the error a %w verb of Errorf wrapped, if any.
func (e *HTTPError) Unwrap() error { return e.err }

// Kind returns the errkind of the status (NotFound for 404, Invalid for
// 400 and 422, ...), Internal for a status with none, so that code reading
// kinds treats the error as the client would.
func (e *HTTPError) Kind() errkind.Kind {
	switch e.Status {
	case http.StatusGone:
		return errkind.NotFound
	case http.StatusUnprocessableEntity:
		return errkind.Invalid
	}
	for k, status := range statusByKind { // the one table, read backwards
		if status == e.Status && errkind.Kind(k) != errkind.Internal {
			return errkind.Kind(k)
		}
	}
	return errkind.Internal
}

// statusOfHTTPError returns the status of the first error in err's chain
// that has an HTTPStatus method, else 0.
func statusOfHTTPError(err error) int {
	var s interface{ HTTPStatus() int }
	if errors.As(err, &s) {
		if st := s.HTTPStatus(); st >= 400 && st <= 599 {
			return st
		}
	}
	return 0
}
