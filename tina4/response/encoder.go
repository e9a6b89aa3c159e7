package response

import (
	"net/http"
	"strconv"
	"sync"
)

// Encoder encodes the values handed to Response.JSON that encoding/json
// would get wrong: the tina4 App gives its router one that writes ORM
// models as AutoCrud does (column names, hidden columns left out), so that
// res.JSON(post, 200) in a custom route answers with the same JSON.
//
// AppendJSON appends the JSON of v to dst (without a trailing newline) and
// returns it with ok true. When v needs nothing special it returns ok false
// and dst unchanged, and JSON encodes v with encoding/json as it would
// without an Encoder. An error means v cannot be encoded: JSON writes
// nothing and returns it.
type Encoder interface {
	AppendJSON(dst []byte, v any) (out []byte, ok bool, err error)
}

// EncoderFunc adapts a function to Encoder.
type EncoderFunc func(dst []byte, v any) ([]byte, bool, error)

// AppendJSON calls f(dst, v).
func (f EncoderFunc) AppendJSON(dst []byte, v any) ([]byte, bool, error) { return f(dst, v) }

// SetEncoder makes JSON try enc before encoding/json (nil: encoding/json
// only, the default). The router sets its Encoder on the Response of every
// request it serves; Reset clears it.
func (res *Response) SetEncoder(enc Encoder) { res.enc = enc }

// encBufs holds the buffers an Encoder appends into.
var encBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// writeEncoded writes v through enc when enc takes it; handled is false when
// enc leaves v to encoding/json and nothing was written.
func writeEncoded(w http.ResponseWriter, enc Encoder, v any, status int) (handled bool, err error) {
	buf := encBufs.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooled {
			*buf = (*buf)[:0]
			encBufs.Put(buf)
		}
	}()
	b, ok, err := enc.AppendJSON((*buf)[:0], v)
	if !ok {
		return false, nil
	}
	*buf = b
	if err != nil {
		return true, err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	if _, err := w.Write(append(b, '\n')); err != nil {
		return true, err
	}
	return true, nil
}
