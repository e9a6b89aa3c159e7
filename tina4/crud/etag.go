package crud

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// errPrecondition answers a write whose If-Match no longer holds: 412.
var errPrecondition = errkind.New(errkind.PreconditionFailed,
	"Precondition failed: the record was changed since it was read (its ETag no longer matches If-Match)")

// etagOf returns the strong entity tag of the stored record v of model m: a
// hash of its columns as the API writes them (hidden columns left out, so
// that the tag tells nothing about them; loaded relations left out, so the
// tag is the same with or without include) and of its version column, which
// every write through the ORM moves on, whether hidden or not.
func etagOf(m *orm.Model, v any) (string, error) {
	buf := getBuf()
	defer putBuf(buf)
	b, end, err := orm.AppendJSONParts(*buf, m, v)
	if err != nil {
		return "", err
	}
	tag, b := tagOf(m, v, b, 0, end)
	*buf = b
	return tag, nil
}

// tagOf returns the ETag of the stored record v of model m (see etagOf)
// from b[start:], v as orm.AppendJSONParts wrote it, its columns ending at
// columnsEnd. When no relation was written the hash input is those bytes
// themselves, the answer's body; otherwise the columns are copied past
// them first. The returned buffer is b with the same length (it may have
// been reallocated to make room for the hash input).
func tagOf(m *orm.Model, v any, b []byte, start, columnsEnd int) (string, []byte) {
	n := len(b)
	in := n
	if columnsEnd == n-1 {
		in = start // the record is its columns: hash it in place
	} else {
		b = append(append(b, b[start:columnsEnd]...), '}')
	}
	if m.Version != nil {
		b = m.Version.AppendInt(append(b, 0), v)
	}
	sum := sha256.Sum256(b[in:])
	var t [2 + 2*16]byte
	t[0], t[len(t)-1] = '"', '"'
	hex.Encode(t[1:len(t)-1], sum[:16])
	return string(t[:]), b[:n]
}

// setETag sets the ETag header of res to tag.
func setETag(res *response.Response, tag string) {
	res.Writer().Header()["Etag"] = []string{tag} // the canonical form of ETag
}

// writeTagged answers with the stored record v and its ETag, both from one
// encoding of v: the tag is over the bytes written (see tagOf). A GET (or
// HEAD) whose If-None-Match names the tag (or is *) answers 304 Not
// Modified instead.
func (h *handlers) writeTagged(req *router.Request, res *response.Response, v any, status int) error {
	buf := getBuf()
	defer putBuf(buf)
	b, end, err := orm.AppendJSONParts(*buf, h.model, v)
	if err != nil {
		return err
	}
	tag, b := tagOf(h.model, v, b, 0, end)
	*buf = b
	setETag(res, tag)
	if m := req.Raw.Method; m == http.MethodGet || m == http.MethodHead {
		// Looked up by its canonical key, as Header.Values would.
		if inm := req.Raw.Header["If-None-Match"]; len(inm) > 0 {
			c, err := parseTagList("If-None-Match", inm)
			if err != nil {
				return err
			}
			if c.matches(tag, false) {
				return res.Status(http.StatusNotModified)
			}
		}
	}
	return res.JSONBytes(b, status)
}

// tagList is the value of an If-Match or If-None-Match header: * or a list of
// entity tags.
type tagList struct {
	any  bool
	tags []string // each with its quotes, and W/ when weak
}

// ifMatch returns the If-Match condition of req, or nil when it has none.
func ifMatch(req *router.Request) (*tagList, error) {
	vs := req.Raw.Header["If-Match"] // by its canonical key, as Header.Values would
	if len(vs) == 0 {
		return nil, nil
	}
	return parseTagList("If-Match", vs)
}

// checkIfMatch answers 412 unless the condition c (nil: none) holds for the
// stored record v: * holds for any record, a list when one of its tags is
// v's ETag by strong comparison (a weak tag never matches).
func (h *handlers) checkIfMatch(c *tagList, v any) error {
	if c == nil {
		return nil
	}
	tag, err := etagOf(h.model, v)
	if err != nil {
		return err
	}
	if !c.matches(tag, true) {
		return errPrecondition
	}
	return nil
}

// matches reports whether the list names tag (a strong tag): always for *;
// with strong comparison a weak tag in the list never matches, with weak
// comparison W/"x" matches "x".
func (c *tagList) matches(tag string, strong bool) bool {
	if c.any {
		return true
	}
	for _, t := range c.tags {
		if !strong {
			t = strings.TrimPrefix(t, "W/")
		}
		if t == tag {
			return true
		}
	}
	return false
}

// parseTagList reads the values of header name (RFC 9110: "*" or a
// comma-separated list of "tag" and W/"tag"). Anything else is a 400 naming
// the header.
func parseTagList(name string, values []string) (*tagList, error) {
	s := strings.TrimSpace(strings.Join(values, ","))
	if s == "*" {
		return &tagList{any: true}, nil
	}
	c := &tagList{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue // empty list elements are allowed
		}
		if !validTag(strings.TrimPrefix(item, "W/")) {
			return nil, invalid("%s: malformed entity tag %q: want \"tag\", W/\"tag\", a comma-separated list of them, or *", name, clipTag(item))
		}
		c.tags = append(c.tags, item)
	}
	if len(c.tags) == 0 {
		return nil, invalid("%s: empty: want \"tag\", a comma-separated list of tags, or *", name)
	}
	return c, nil
}

// validTag reports whether s is an opaque-tag: a quoted string of etagc
// characters (no quote, no control characters, no space).
func validTag(s string) bool {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; c < 0x21 || c == '"' || c == 0x7f {
			return false
		}
	}
	return true
}

// clipTag shortens a value quoted in an error message.
func clipTag(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
