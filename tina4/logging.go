package tina4

import (
	"log/slog"
	"net/http"
	"time"
)

// The request log settings (Config.AccessLog).
const (
	// AccessLogAll logs every request: the default.
	AccessLogAll = "all"
	// AccessLogErrors logs only 5xx answers and slow requests.
	AccessLogErrors = "errors"
	// AccessLogOff logs no request line (5xx errors are still logged by
	// the response layer).
	AccessLogOff = "off"
)

// logRequests is middleware that logs one line per request through l:
// method, path, status, bytes written and duration. 5xx answers log at
// error level; requests that took slow or longer (when slow > 0) at warn
// with slow=true; with mode AccessLogAll, 4xx at warn and the rest at info.
// Mode AccessLogErrors keeps only the error and slow lines, AccessLogOff
// none.
func logRequests(l *slog.Logger, mode string, slow time.Duration) func(http.Handler) http.Handler {
	if mode == AccessLogOff {
		return func(next http.Handler) http.Handler { return next }
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			took := time.Since(start)
			isSlow := slow > 0 && took >= slow
			level := slog.LevelInfo
			switch {
			case sw.status >= 500:
				level = slog.LevelError
			case isSlow || sw.status >= 400:
				level = slog.LevelWarn
			}
			if mode == AccessLogErrors && sw.status < 500 && !isSlow {
				return
			}
			attrs := []slog.Attr{
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes),
				slog.Duration("duration", took),
				slog.String("remote", r.RemoteAddr),
			}
			if isSlow {
				attrs = append(attrs, slog.Bool("slow", true))
			}
			l.LogAttrs(r.Context(), level, "request", attrs...)
		})
	}
}

// statusWriter records the status and size of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (Flush,
// deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
