package router

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/internal/jsoncheck"
	"github.com/tina4stack/tina4-go/tina4/response"
)

// Request bodies are read here and nowhere else: Body puts the router's
// size limit on the stream, BodyBytes reads it once, JSONBody adds the
// header and content checks of a JSON API, and Bind and JSON decode it.

// BodyBytes reads the whole body, under the router's MaxBodyBytes, and
// returns it; later calls return the same bytes, so a handler can look at
// a body twice. A body over the limit is errkind.TooLarge (413), a body cut
// short by the client errkind.Invalid (400).
func (r *Request) BodyBytes() ([]byte, error) {
	if !r.bodyRead {
		r.bodyRead = true
		if body := r.Body(); body != nil {
			r.body, r.bodyErr = readBody(body, r.Raw.ContentLength)
			r.bodyErr = readError(r.bodyErr)
		}
	}
	return r.body, r.bodyErr
}

// sizedRead bounds the buffer readBody sizes by the Content-Length header
// before a byte has come: a client cannot make it allocate more by
// declaring a larger body.
const sizedRead = 64 << 10

// readBody reads body to its end, as io.ReadAll, into a buffer sized for
// the declared length n (-1: unknown) when it is small, so that the common
// body is read without growing the buffer.
func readBody(body io.Reader, n int64) ([]byte, error) {
	if n <= 0 || n >= sizedRead {
		return io.ReadAll(body)
	}
	b := make([]byte, 0, n+1) // +1: the read that sees EOF need not grow it
	for {
		m, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // longer than declared: grow as io.ReadAll does
			b = append(b, 0)[:len(b)]
		}
	}
}

// JSONBody returns the body of a request that must be JSON: RequireJSON's
// header checks (415), the size limit (413), then text that is not valid
// Unicode, a NUL character or nesting deeper than 64 (400, see jsoncheck).
// An empty body is returned as it is: the decoder says what is missing.
func (r *Request) JSONBody() ([]byte, error) {
	r.Body() // the size limit, before CheckJSON peeks at the body
	if err := CheckJSON(r.Raw); err != nil {
		return nil, err
	}
	b, err := r.BodyBytes()
	if err != nil {
		return nil, err
	}
	if err := jsoncheck.Check(b); err != nil {
		return nil, err
	}
	return b, nil
}

// readError classifies an error met while reading a body: over the size
// limit is TooLarge, anything else (a connection cut mid-body) Invalid.
func readError(err error) error {
	if err == nil {
		return nil // before tooBig, which escapes to the heap where it is declared
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errkind.Wrap(errkind.TooLarge, fmt.Errorf("request body is larger than %d bytes", tooBig.Limit))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errkind.New(errkind.Invalid, "request body: unexpected end of input")
	}
	return errkind.Wrap(errkind.Invalid, fmt.Errorf("request body: %w", err))
}

// RequireJSON is middleware that answers 415 to a POST, PUT or PATCH whose
// body is not JSON by its headers (see CheckJSON), before the handler runs.
func RequireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch:
			if err := CheckJSON(r); err != nil {
				response.WriteError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// CheckJSON refuses, with an error of kind Unsupported (415), a request
// body that is not JSON by its headers:
//
//   - a Content-Encoding other than identity (the server decodes none);
//   - a Content-Type that is not application/json or application/*+json
//     (parameters allowed; a charset must be UTF-8);
//   - a body with no Content-Type at all.
//
// So a cross-site form or fetch without preflight (which can send only
// application/x-www-form-urlencoded, multipart/form-data, text/plain or no
// Content-Type) never reaches a JSON decoder. A request without a body and
// without a Content-Type passes: the decoder then answers 400 for the
// missing body.
func CheckJSON(r *http.Request) error {
	// The keys are in canonical form: index the map, as Values would after
	// canonicalizing them.
	for _, v := range r.Header["Content-Encoding"] {
		for enc := range strings.SplitSeq(v, ",") {
			if enc = strings.TrimSpace(enc); enc != "" && !strings.EqualFold(enc, "identity") {
				return unsupported("Content-Encoding %q is not supported: send the body unencoded", enc)
			}
		}
	}
	cts := r.Header["Content-Type"]
	switch {
	case len(cts) > 1:
		return unsupported("the request has %d Content-Type headers: send one, application/json", len(cts))
	case len(cts) == 0 || strings.TrimSpace(cts[0]) == "":
		empty, err := bodyEmpty(r)
		if err != nil {
			return readError(err)
		}
		if empty {
			return nil
		}
		return unsupported("the request body has no Content-Type: send Content-Type: application/json")
	}
	if isPlainJSONType(cts[0]) {
		return nil
	}
	mt, params, err := mime.ParseMediaType(cts[0])
	if err != nil {
		return unsupported("Content-Type %q is not a valid media type: send application/json", cts[0])
	}
	if !IsJSONType(mt) {
		return unsupported("Content-Type %s is not supported: send application/json", mt)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return unsupported("charset %q is not supported: JSON bodies are UTF-8", cs)
	}
	return nil
}

// isPlainJSONType reports whether ct is one of the Content-Type values
// clients send most, which ParseMediaType would find to be JSON in UTF-8:
// application/json, alone or with charset=utf-8 (any case).
func isPlainJSONType(ct string) bool {
	const plain, utf8 = "application/json", "application/json; charset=utf-8"
	return len(ct) == len(plain) && strings.EqualFold(ct, plain) ||
		len(ct) == len(utf8) && strings.EqualFold(ct, utf8)
}

// IsJSONType reports whether a media type (lower case, no parameters) is
// application/json or a structured +json type such as
// application/merge-patch+json.
func IsJSONType(mt string) bool {
	sub, ok := strings.CutPrefix(mt, "application/")
	return ok && (sub == "json" || len(sub) > len("+json") && strings.HasSuffix(sub, "+json"))
}

// bodyEmpty reports whether r has no body, reading at most one byte of it
// and putting that byte back.
func bodyEmpty(r *http.Request) (bool, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return true, nil
	}
	var b [1]byte
	n, err := io.ReadFull(r.Body, b[:])
	if n == 0 {
		if errors.Is(err, io.EOF) {
			return true, nil
		}
		return false, err
	}
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b[:n]), r.Body), r.Body}
	return false, nil
}

// unsupported returns an error of kind Unsupported (415).
func unsupported(format string, args ...any) error {
	return errkind.Wrap(errkind.Unsupported, fmt.Errorf(format, args...))
}
