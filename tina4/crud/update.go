package crud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// update serves PUT and PATCH: a partial update that writes only the columns
// the body names (and the auto_now and version columns), so that clients
// changing different columns of one row at the same time all keep their
// change. In one transaction it locks and reads the row (SELECT ... FOR
// UPDATE; SQLite's write transaction), checks If-Match against the row's
// ETag, applies the body to the stored row, validates the whole record,
// writes the named columns, and reads the row back: the answer is the row
// as stored, with its new ETag.
func (h *handlers) update(req *router.Request, res *response.Response) error {
	id, err := pathID(req)
	if err != nil {
		return err
	}
	cond, err := ifMatch(req)
	if err != nil {
		return err
	}
	// Read the whole body before the transaction: a slow client must not
	// hold the row's lock.
	body, err := req.JSONBody()
	if err != nil {
		return err
	}
	if cond == nil && h.model.Version == nil && !orm.InTransaction(req.Context()) {
		out, err := h.updateFirst(req.Context(), id, body)
		if err == nil {
			return h.writeTagged(req, res, out, http.StatusOK)
		}
		if !errors.Is(err, errSlowPath) {
			return err
		}
	}
	var out any
	err = orm.Transaction(req.Context(), func(ctx context.Context) error {
		v, err := h.lock(ctx, id)
		if err != nil {
			return err
		}
		if err := h.checkIfMatch(cond, v); err != nil {
			return err
		}
		if err := h.checkVersion(body, v); err != nil {
			return err
		}
		sent, err := decodeBody(body, h.model, v)
		if err != nil {
			return err
		}
		if err := orm.Valid(v); err != nil {
			return err
		}
		cols := make([]string, 0, len(sent))
		for _, f := range h.model.Fields {
			if sent[f.Column] && f.Writable() {
				cols = append(cols, f.Column)
			}
		}
		if err := h.rows.Update(ctx, v, cols...); err != nil {
			if errors.Is(err, orm.ErrNotFound) {
				return errNotFound
			}
			return err
		}
		out, err = h.lock(ctx, id) // the row as stored
		return err
	})
	if err != nil {
		return err
	}
	return h.writeTagged(req, res, out, http.StatusOK)
}

// delete serves DELETE: in one transaction it locks and reads the row,
// checks If-Match against its ETag, and deletes it (a soft delete when the
// model has one).
func (h *handlers) delete(req *router.Request, res *response.Response) error {
	id, err := pathID(req)
	if err != nil {
		return err
	}
	cond, err := ifMatch(req)
	if err != nil {
		return err
	}
	err = orm.Transaction(req.Context(), func(ctx context.Context) error {
		v, err := h.lock(ctx, id)
		if err != nil {
			return err
		}
		if err := h.checkIfMatch(cond, v); err != nil {
			return err
		}
		if err := h.rows.Delete(ctx, v); err != nil {
			if errors.Is(err, orm.ErrNotFound) {
				return errNotFound
			}
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	return res.Status(http.StatusNoContent)
}

// lock reads the row with key id, locked until the end of the transaction
// of ctx, or answers 404.
func (h *handlers) lock(ctx context.Context, id any) (any, error) {
	v, err := h.rows.FindForUpdate(ctx, id)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, errNotFound
	}
	return v, nil
}

// checkVersion answers 409 (orm.ErrStale) when the body carries the model's
// version column with a value other than the stored row's: the client
// edited a copy of the record that has been changed since it read it. The
// version column is otherwise read-only, as decodeBody enforces; a value
// that is not an integer is left to it to report. A hidden version column
// is refused by decodeBody whatever its value.
func (h *handlers) checkVersion(body []byte, v any) error {
	vf := h.model.Version
	if vf == nil || vf.Hidden {
		return nil
	}
	raw, n := topLevelField(body, vf.Column)
	if n != 1 || bytes.Equal(raw, []byte("null")) {
		return nil // not sent; or sent twice, or null: decodeBody says what is wrong
	}
	var sent int64
	if json.Unmarshal(raw, &sent) != nil {
		return nil
	}
	stored := fmt.Sprint(vf.In(v))
	if fmt.Sprint(sent) == stored {
		return nil
	}
	return fmt.Errorf("crud: %s %d sent, %s stored: %w", vf.Column, sent, stored, orm.ErrStale)
}

// topLevelField returns the value of key in the JSON object body (without
// surrounding space) and how many times the object names it; 0 when body
// is not an object.
func topLevelField(body []byte, key string) (raw json.RawMessage, n int) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, 0
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, 0
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, 0
		}
		if k, _ := tok.(string); k == key {
			raw, n = v, n+1
		}
	}
	return raw, n
}
