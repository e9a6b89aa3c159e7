package router

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/tina4stack/tina4-go/tina4/response"
)

// recover turns a panic in middleware or a handler into a 500 JSON answer
// ({"error":"Internal Server Error"}) and a log line with the stack, so the
// server keeps serving. http.ErrAbortHandler is passed on: it is the
// documented way to abort a response.
func (rt *Router) recover(w http.ResponseWriter, req *http.Request, m *match) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	err := &panicError{value: v, stack: debug.Stack()}
	req = req.WithContext(m) // the settings of this router and App
	if m.res.Written() {
		// Too late to answer: log it (WriteError would have).
		response.LoggerFrom(m).ErrorContext(req.Context(), "router: panic after the response was written",
			"method", req.Method, "path", req.URL.Path, "error", err)
		return
	}
	response.WriteError(w, req, err)
}

// panicError is a recovered panic. Its text is shown only in debug mode; its
// log value carries the stack.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// LogValue logs the panic value and the stack.
func (e *panicError) LogValue() slog.Value {
	return slog.GroupValue(slog.String("panic", fmt.Sprint(e.value)), slog.String("stack", string(e.stack)))
}
