package router

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// Request is the request handed to a HandlerFunc: the *http.Request with the
// matched route's converted path parameters and helpers for the query, the
// headers and the body.
type Request struct {
	// Raw is the underlying request, as it reached the handler (after
	// middleware).
	Raw *http.Request

	w       http.ResponseWriter
	route   *Route
	params  []PathParam
	maxBody int64
	limited bool       // Raw.Body is wrapped in http.MaxBytesReader
	query   url.Values // parsed on first use

	body     []byte // read by BodyBytes
	bodyErr  error
	bodyRead bool
}

// Context returns the request's context.
func (r *Request) Context() context.Context { return r.Raw.Context() }

// Method returns the HTTP method.
func (r *Request) Method() string { return r.Raw.Method }

// Route returns the matched route.
func (r *Request) Route() *Route { return r.route }

// Params returns the path parameters in pattern order.
func (r *Request) Params() []PathParam { return r.params }

// Param returns the text of the path parameter name, or "" if there is none.
func (r *Request) Param(name string) string { return lookupParam(r.params, name).Value }

// Int returns the path parameter name as an int64. For an {x:int} parameter
// the value was checked when the route matched; any other parameter is
// parsed, and 0 is returned when it is not an integer.
func (r *Request) Int(name string) int64 {
	p := lookupParam(r.params, name)
	if p.Type == ParamInt {
		return p.Int
	}
	v, _ := strconv.ParseInt(p.Value, 10, 64)
	return v
}

// Float returns the path parameter name as a float64, like Int.
func (r *Request) Float(name string) float64 {
	p := lookupParam(r.params, name)
	switch p.Type {
	case ParamFloat:
		return p.Float
	case ParamInt:
		return float64(p.Int)
	}
	v, _ := strconv.ParseFloat(p.Value, 64)
	return v
}

// Query returns the first value of the query-string parameter name, or "".
func (r *Request) Query(name string) string {
	if r.query == nil {
		r.query = r.Raw.URL.Query()
	}
	return r.query.Get(name)
}

// QueryInt returns the query parameter name as an int, or def when it is
// absent or empty. A value that is not an integer is an errkind.Invalid error
// (a 400 when returned from a handler).
func (r *Request) QueryInt(name string, def int) (int, error) {
	s := r.Query(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return def, errkind.New(errkind.Invalid, fmt.Sprintf("query parameter %q must be an integer", name))
	}
	return v, nil
}

// QueryBool returns the query parameter name as a bool (1, t, true, 0, f,
// false, any case), or def when it is absent or empty. Anything else is an
// errkind.Invalid error.
func (r *Request) QueryBool(name string, def bool) (bool, error) {
	s := r.Query(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return def, errkind.New(errkind.Invalid, fmt.Sprintf("query parameter %q must be true or false", name))
	}
	return v, nil
}

// Header returns the first value of the request header name.
func (r *Request) Header(name string) string { return r.Raw.Header.Get(name) }

// Cookie returns the value of the cookie name, or "".
func (r *Request) Cookie(name string) string {
	c, err := r.Raw.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

// Body returns the request body, limited to the router's MaxBodyBytes: reading
// past the limit fails with an *http.MaxBytesError.
func (r *Request) Body() io.ReadCloser {
	if !r.limited && r.Raw.Body != nil && r.maxBody > 0 {
		r.Raw.Body = http.MaxBytesReader(r.w, r.Raw.Body, r.maxBody)
		r.limited = true
	}
	return r.Raw.Body
}

// Form returns the first value of the form field name, from a URL-encoded or
// multipart body (or the query string). A body over MaxBodyBytes gives "".
func (r *Request) Form(name string) string {
	r.parseForm()
	return r.Raw.FormValue(name)
}

// File returns the uploaded file of the multipart form field name. A missing
// field is an errkind.Invalid error; a body over MaxBodyBytes is
// errkind.TooLarge. The caller closes the file.
func (r *Request) File(name string) (multipart.File, *multipart.FileHeader, error) {
	if err := r.parseForm(); err != nil {
		return nil, nil, err
	}
	f, h, err := r.Raw.FormFile(name)
	if err != nil {
		return nil, nil, errkind.Wrap(errkind.Invalid, fmt.Errorf("form file %q: %w", name, err))
	}
	return f, h, nil
}

// multipartMemory is how much of a multipart body is kept in memory; the rest
// of the files go to temporary files.
const multipartMemory = 8 << 20

// parseForm parses a URL-encoded or multipart body once, under the body limit.
func (r *Request) parseForm() error {
	if r.Raw.Form != nil {
		return nil
	}
	r.Body()
	err := r.Raw.ParseMultipartForm(multipartMemory)
	if err == http.ErrNotMultipart {
		err = nil // ParseMultipartForm has parsed a URL-encoded body already
	}
	return bodyError(err, "invalid form body")
}
