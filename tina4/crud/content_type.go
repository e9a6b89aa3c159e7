package crud

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// withJSONBody adds to a write route's options the check of requireJSON, so
// that POST, PUT and PATCH read only bodies that say they are JSON.
func withJSONBody(write router.RouteOption) router.RouteOption {
	check := router.With(requireJSONMiddleware)
	return func(r *router.Route) { write(r); check(r) }
}

// requireJSONMiddleware answers 415 to a POST, PUT or PATCH whose body is
// not JSON by its headers (see requireJSON).
func requireJSONMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch:
			if err := requireJSON(r); err != nil {
				response.WriteError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// requireJSON refuses, with an error of kind Unsupported (415), a request
// body that is not JSON by its headers:
//
//   - a Content-Encoding other than identity (the server decodes none);
//   - a Content-Type that is not application/json or application/*+json
//     (parameters allowed; a charset must be UTF-8);
//   - a body with no Content-Type at all.
//
// So a cross-site form or fetch without preflight (which can send only
// application/x-www-form-urlencoded, multipart/form-data, text/plain or no
// Content-Type) never reaches the JSON decoder. A request without a body and
// without a Content-Type passes: the decoder then answers 400 for the
// missing body.
func requireJSON(r *http.Request) error {
	for _, v := range r.Header.Values("Content-Encoding") {
		for enc := range strings.SplitSeq(v, ",") {
			if enc = strings.TrimSpace(enc); enc != "" && !strings.EqualFold(enc, "identity") {
				return unsupported("Content-Encoding %q is not supported: send the body unencoded", enc)
			}
		}
	}
	cts := r.Header.Values("Content-Type")
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
	mt, params, err := mime.ParseMediaType(cts[0])
	if err != nil {
		return unsupported("Content-Type %q is not a valid media type: send application/json", cts[0])
	}
	if !isJSONType(mt) {
		return unsupported("Content-Type %s is not supported: send application/json", mt)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return unsupported("charset %q is not supported: JSON bodies are UTF-8", cs)
	}
	return nil
}

// isJSONType reports whether a media type (lower case, no parameters) is
// application/json or a structured +json type such as
// application/merge-patch+json.
func isJSONType(mt string) bool {
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
