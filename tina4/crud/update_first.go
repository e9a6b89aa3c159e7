package crud

import (
	"context"
	"errors"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// errSlowPath is updateFirst's answer when the request needs update's
// general path: nothing was written.
var errSlowPath = errors.New("crud: take the general update path")

// updateFirst is update's path for the common PATCH: no If-Match, a model
// without a version column, a body that only sets writable columns. It
// decodes the body before the transaction (against a new record: no
// stored value is needed to read it), and in the transaction writes the
// named columns first and reads the row back, locked (one statement,
// UPDATE ... RETURNING on PostgreSQL: orm.UpdateReturning), and
// validates it; an invalid row rolls the write back and answers 400 with
// the same errors as update's validation of the merged record. So it runs
// one or two statements less than reading, writing and reading again, and
// keeps the same lost-update guarantee: the UPDATE writes only the named
// columns, and holds the row's lock until the commit.
//
// Anything out of the ordinary (a body with a problem, a read-only
// column, a key update cannot set, an error from the UPDATE, such as a
// foreign key the database refuses) answers errSlowPath with nothing
// written, and update's general path then gives the answer it always has:
// for instance validation (400) before a foreign-key conflict (409).
func (h *handlers) updateFirst(ctx context.Context, id any, body []byte) (any, error) {
	v := h.rows.New()
	if !h.model.SetKeyFrom(v, id) { // the row update would look up by id
		return nil, errSlowPath
	}
	sent, err := decodeBody(body, h.model, v)
	if err != nil {
		return nil, errSlowPath
	}
	cols := make([]string, 0, len(sent))
	for _, f := range h.model.Fields {
		if !sent[f.Column] {
			continue
		}
		if !f.Writable() {
			return nil, errSlowPath // update compares it with the stored value
		}
		cols = append(cols, f.Column)
	}
	var out any
	err = orm.Transaction(ctx, func(ctx context.Context) error {
		stored, err := h.rows.UpdateReturning(ctx, v, cols...)
		if err != nil {
			if errors.Is(err, orm.ErrNotFound) {
				return errNotFound
			}
			return errSlowPath // rolled back; update's path words the error
		}
		if err := orm.Valid(stored); err != nil {
			return err // rolls the write back
		}
		out = stored
		return nil
	})
	return out, err
}
