package response

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// statusByKind is the one table from error kinds to HTTP statuses.
var statusByKind = [...]int{
	errkind.Internal:     http.StatusInternalServerError,
	errkind.NotFound:     http.StatusNotFound,
	errkind.Invalid:      http.StatusBadRequest,
	errkind.Conflict:     http.StatusConflict,
	errkind.TooLarge:     http.StatusRequestEntityTooLarge,
	errkind.Unauthorized: http.StatusUnauthorized,
	errkind.Forbidden:    http.StatusForbidden,
	errkind.Unavailable:  http.StatusServiceUnavailable,

	errkind.PreconditionFailed: http.StatusPreconditionFailed,
	errkind.Unsupported:        http.StatusUnsupportedMediaType,
}

// StatusOf returns the HTTP status for err: the status of an HTTPError (or
// any error with an HTTPStatus() int method) in its chain, else the one of
// its errkind.Kind: NotFound 404, Invalid 400, Conflict 409, TooLarge 413,
// Unauthorized 401, Forbidden 403, Unavailable 503, PreconditionFailed 412, Unsupported 415, and 500 for anything
// else (including nil).
func StatusOf(err error) int {
	if st := statusOfHTTPError(err); st != 0 {
		return st
	}
	k := errkind.Of(err)
	if int(k) < len(statusByKind) {
		return statusByKind[k]
	}
	return http.StatusInternalServerError
}

// PublicMessager is implemented by errors that carry a message written for
// the client. When an error's chain holds one, WriteError shows its message
// instead of the error's own text.
type PublicMessager interface {
	PublicMessage() string
}

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	Error  string   `json:"error"`
	Detail []string `json:"detail,omitempty"`
}

// Error writes err as a JSON error answer (see WriteError). It returns an error
// only if the answer could not be written.
func (res *Response) Error(err error) error {
	return writeError(&res.tw, res.r, err)
}

// WriteError writes err as {"error": message} with the status from StatusOf,
// adding "detail" when errkind.Details(err) has lines. The message is the
// PublicMessage of an error in the chain if there is one, else err.Error() for
// a 4xx; a 5xx shows only "Internal Server Error" (503: "Service Unavailable")
// unless debug mode is on. 5xx errors are logged with slog. r may be nil.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	_ = writeError(w, r, err)
}

func writeError(w http.ResponseWriter, r *http.Request, err error) error {
	var set Settings
	if r != nil {
		set = SettingsFrom(r.Context())
	}
	status := StatusOf(err)
	body := errorBody{Error: message(err, set.Debug)}
	if status < 500 || set.Debug {
		body.Detail = errkind.Details(err)
	}
	if status >= 500 {
		logError(r, set.logger(), status, err)
	}
	return writeJSON(w, body, status)
}

// Message returns the text WriteError shows the client for err outside
// debug mode.
func Message(err error) string { return message(err, false) }

func message(err error, debug bool) string {
	status := StatusOf(err)
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Msg // the handler wrote it for the client
	}
	if status >= 500 && debug && err != nil {
		return err.Error()
	}
	var pm PublicMessager
	if errors.As(err, &pm) {
		return pm.PublicMessage()
	}
	if status < 500 {
		return err.Error()
	}
	return http.StatusText(status)
}

func logError(r *http.Request, l *slog.Logger, status int, err error) {
	attrs := []any{slog.Int("status", status), slog.Any("error", err)}
	if r != nil {
		attrs = append(attrs, slog.String("method", r.Method), slog.String("path", r.URL.Path))
		l.ErrorContext(r.Context(), "response: server error", attrs...)
		return
	}
	l.Error("response: server error", attrs...)
}
