package response

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
)

// Response writes the answer to one request. The zero value is not usable:
// create one with New, or Reset a Response held by value.
type Response struct {
	tw  trackingWriter
	r   *http.Request
	enc Encoder // see SetEncoder
}

// New returns a Response writing to w in answer to r.
func New(w http.ResponseWriter, r *http.Request) *Response {
	res := &Response{}
	res.Reset(w, r)
	return res
}

// Reset makes res answer r through w, forgetting anything it wrote before. It
// lets a caller keep a Response by value and reuse it without allocating (the
// router does).
func (res *Response) Reset(w http.ResponseWriter, r *http.Request) {
	res.tw = trackingWriter{w: w}
	res.r = r
	res.enc = nil
}

// Writer returns the http.ResponseWriter to use for anything the methods of
// Response do not cover. Writes through it count for Written.
func (res *Response) Writer() http.ResponseWriter { return &res.tw }

// Request returns the request being answered.
func (res *Response) Request() *http.Request { return res.r }

// Written reports whether the status line has been written, by a method of
// res or through Writer.
func (res *Response) Written() bool { return res.tw.status != 0 }

// StatusCode returns the status written so far, or 0 if nothing was written.
func (res *Response) StatusCode() int { return res.tw.status }

// Header sets the response header k to v and returns res for chaining. It has
// no effect once the response is written.
func (res *Response) Header(k, v string) *Response {
	res.tw.Header().Set(k, v)
	return res
}

// Cookie adds a Set-Cookie header and returns res for chaining.
func (res *Response) Cookie(c *http.Cookie) *Response {
	http.SetCookie(&res.tw, c)
	return res
}

// Status writes the status code with no body. It always returns nil, so a
// handler can end with "return res.Status(http.StatusNoContent)".
func (res *Response) Status(code int) error {
	res.tw.WriteHeader(code)
	return nil
}

// JSON writes v as JSON with the given status (0 means 200), through the
// Response's Encoder first when it has one (see SetEncoder), else with
// encoding/json. HTML characters are not escaped. A status that forbids a
// body (1xx, 204, 304) writes none. If v cannot be encoded nothing is written and the error is returned, so the
// caller can still answer with an error.
func (res *Response) JSON(v any, status int) error {
	if status == 0 {
		status = http.StatusOK
	}
	if res.enc != nil && bodyAllowed(status) {
		if handled, err := writeEncoded(&res.tw, res.enc, v, status); handled {
			return err
		}
	}
	return writeJSON(&res.tw, v, status)
}

// JSONBytes writes b, a JSON document the caller has encoded, as it is and
// followed by a newline (as JSON writes), with the given status (0 means 200)
// and the JSON content type. Unlike JSON it does not check b: it is for code
// that encodes JSON itself, such as a list of rows appended into one buffer.
// A status that forbids a body (1xx, 204, 304) writes none.
func (res *Response) JSONBytes(b []byte, status int) error {
	if status == 0 {
		status = http.StatusOK
	}
	// Assigned by canonical key, as Header.Set would, without canonicalizing
	// the key on every answer.
	h := res.tw.Header()
	if !bodyAllowed(status) {
		h["Content-Type"] = []string{jsonContentType}
		res.tw.WriteHeader(status)
		return nil
	}
	// Both values in one allocation; each slice is capped at its own
	// element, so appending to one (Header.Add) cannot touch the other.
	vals := [2]string{jsonContentType, strconv.Itoa(len(b) + 1)}
	both := vals[:]
	h["Content-Type"], h["Content-Length"] = both[0:1:1], both[1:2:2]
	res.tw.WriteHeader(status)
	if _, err := res.tw.Write(b); err != nil {
		return err
	}
	_, err := res.tw.Write(newline)
	return err
}

var newline = []byte{'\n'}

// jsonContentType is the Content-Type of JSON answers.
const jsonContentType = "application/json; charset=utf-8"

// HTML writes s as text/html with the given status (0 means 200).
func (res *Response) HTML(s string, status int) error {
	return res.writeString("text/html; charset=utf-8", s, status)
}

// Text writes s as text/plain with the given status (0 means 200).
func (res *Response) Text(s string, status int) error {
	return res.writeString("text/plain; charset=utf-8", s, status)
}

// Redirect answers with a redirect to url (which may be relative to the
// request's path). Status 0 means 302 Found.
func (res *Response) Redirect(url string, status int) error {
	if status == 0 {
		status = http.StatusFound
	}
	if status < 300 || status > 399 {
		return fmt.Errorf("response: redirect status %d is not 3xx", status)
	}
	if res.r == nil { // http.Redirect needs the request only to resolve relative URLs
		res.tw.Header().Set("Location", url)
		res.tw.WriteHeader(status)
		return nil
	}
	http.Redirect(&res.tw, res.r, url, status)
	return nil
}

func (res *Response) writeString(contentType, s string, status int) error {
	if status == 0 {
		status = http.StatusOK
	}
	h := res.tw.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(s)))
	res.tw.WriteHeader(status)
	if !bodyAllowed(status) {
		return nil
	}
	_, err := io.WriteString(&res.tw, s)
	return err
}

// bodyAllowed reports whether a response with this status may carry a body.
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// encoder is a pooled buffer with a JSON encoder writing into it.
type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := &encoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

// maxPooled is the largest buffer returned to the pool; bigger ones are left
// to the garbage collector so one huge answer does not pin memory.
const maxPooled = 64 << 10

func writeJSON(w http.ResponseWriter, v any, status int) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if !bodyAllowed(status) {
		w.WriteHeader(status)
		return nil
	}
	e := encoders.Get().(*encoder)
	defer func() {
		if e.buf.Cap() <= maxPooled {
			e.buf.Reset()
			encoders.Put(e)
		}
	}()
	if err := e.enc.Encode(v); err != nil {
		h.Del("Content-Type")
		return fmt.Errorf("response: encode JSON: %w", err)
	}
	h.Set("Content-Length", strconv.Itoa(e.buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(e.buf.Bytes())
	return err
}
