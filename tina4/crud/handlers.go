package crud

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// errNotFound answers an unknown id: 404 {"error":"Not found"}.
var errNotFound = errkind.New(errkind.NotFound, "Not found")

// handlers serves the routes of one model.
type handlers struct {
	model  *orm.Model
	rows   orm.Rows
	opts   options
	router *router.Router // where the model is mounted: see checkRelationAccess
}

func (h *handlers) list(req *router.Request, res *response.Response) error {
	q, err := parseListQuery(req.Raw.URL.RawQuery, h.opts)
	if err != nil {
		return err
	}
	if err := h.guardRelations(req, res, q.spec.Include, filterKeys(q.spec.Filters), q.spec.Order); err != nil {
		return err
	}
	rows, total, err := h.rows.List(req.Context(), q.spec)
	if err != nil {
		return err
	}
	// The chapter's shape: {"data":[...],"total":N,"limit":N,"skip":N}.
	buf := getBuf()
	defer putBuf(buf)
	b := append(*buf, `{"data":[`...)
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = orm.AppendModelJSON(b, h.model, r); err != nil {
			return err
		}
	}
	b = append(b, `],"total":`...)
	if total == orm.NoTotal {
		b = append(b, "null"...) // total=none
	} else {
		b = strconv.AppendInt(b, int64(total), 10)
	}
	b = append(b, `,"limit":`...)
	b = strconv.AppendInt(b, int64(q.limit), 10)
	b = append(b, `,"skip":`...)
	b = strconv.AppendInt(b, int64(q.skip), 10)
	b = append(b, '}')
	*buf = b
	return res.JSONBytes(b, http.StatusOK)
}

func (h *handlers) get(req *router.Request, res *response.Response) error {
	q, err := parseOneQuery(req.Raw.URL.RawQuery, h.opts)
	if err != nil {
		return err
	}
	if err := h.guardRelations(req, res, q.include, nil, nil); err != nil {
		return err
	}
	v, err := h.find(req, q)
	if err != nil {
		return err
	}
	return h.writeTagged(req, res, v, http.StatusOK)
}

func (h *handlers) create(req *router.Request, res *response.Response) error {
	v := h.rows.New()
	body, err := req.JSONBody()
	if err != nil {
		return err
	}
	sent, err := decodeBody(body, h.model, v)
	if err != nil {
		return err
	}
	h.model.ApplyDefaults(v, sent)
	if err := orm.Valid(v); err != nil {
		return err
	}
	if err := h.rows.Save(req.Context(), v); err != nil {
		return err
	}
	return writeRecord(res, v, http.StatusCreated)
}

// find loads the row named by the path's id, with the relations q
// includes, or answers 404.
func (h *handlers) find(req *router.Request, q oneQuery) (any, error) {
	id, err := pathID(req)
	if err != nil {
		return nil, err
	}
	var v any
	if len(q.include) > 0 {
		v, err = h.rows.FindIncluding(req.Context(), id, q.include, q.limits)
	} else {
		v, err = h.rows.Find(req.Context(), id)
	}
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, errNotFound
	}
	return v, nil
}

// pathID returns the path's id as the key to look up, or answers 404.
func pathID(req *router.Request) (any, error) {
	if ps := req.Params(); len(ps) > 0 && ps[0].Type == router.ParamInt {
		if !canonicalInt(ps[0]) {
			return nil, errNotFound // "+1", "01": no row has that text as its key
		}
		return ps[0].Int, nil
	}
	if badText(req.Param("id")) {
		return nil, errNotFound // no row has such a key; do not send it to the database
	}
	return req.Param("id"), nil
}

// writeRecord answers with one record as JSON (column names, no hidden
// fields).
func writeRecord(res *response.Response, v any, status int) error {
	buf := getBuf()
	defer putBuf(buf)
	b, err := orm.AppendJSON(*buf, v)
	if err != nil {
		return err
	}
	*buf = b
	return res.JSONBytes(b, status)
}

// bufs holds the buffers answers are encoded into.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func getBuf() *[]byte { return bufs.Get().(*[]byte) }

// putBuf returns a buffer to the pool, unless one large answer grew it.
func putBuf(b *[]byte) {
	if cap(*b) <= 64<<10 {
		*b = (*b)[:0]
		bufs.Put(b)
	}
}
