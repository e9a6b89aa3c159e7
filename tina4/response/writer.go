package response

import "net/http"

// trackingWriter is the http.ResponseWriter a Response writes through. It
// remembers whether, and with which status, the header was written, so that a
// router can tell if a handler answered before it returned.
type trackingWriter struct {
	w      http.ResponseWriter
	status int
}

func (t *trackingWriter) Header() http.Header { return t.w.Header() }

func (t *trackingWriter) WriteHeader(code int) {
	if t.status == 0 && code >= 200 {
		t.status = code
	}
	t.w.WriteHeader(code)
}

func (t *trackingWriter) Write(p []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	return t.w.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer (Flush,
// Hijack, deadlines).
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.w }
