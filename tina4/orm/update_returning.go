package orm

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// UpdateReturning is Update followed by reading the row back, locked until
// the end of the transaction of ctx (which it needs): it returns the row as
// stored after the write. Where the ORM reads generated keys with RETURNING
// (feature.Returning: PostgreSQL, where it saves a round trip) and m has no
// version column, that is one statement, UPDATE ... RETURNING; otherwise it
// is Update, then Find with ForUpdate. (SQLite has RETURNING too, but
// there an UPDATE of some columns is parsed on each call while the SELECT
// of Find stays prepared, which costs less than parsing the RETURNING
// clause every time.) A row that does not
// exist, or is soft-deleted, gives ErrNotFound; every other error is
// Update's.
func UpdateReturning[T any](ctx context.Context, m *T, fields ...string) (*T, error) {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return nil, err
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, err
	}
	if !s.inTx {
		return nil, wrap("update", meta.Table(), invalidf("orm: UpdateReturning needs a transaction (orm.Transaction)"))
	}
	d := s.db.dialect
	if !d.Features().Has(feature.Returning) || meta.Version != nil {
		if err := Update(ctx, m, fields...); err != nil {
			return nil, err
		}
		v, err := Find[T](ctx, rv.FieldByIndex(meta.PK.Index).Interface(), ForUpdate())
		if err == nil && v == nil {
			err = wrap("update", meta.Table(), ErrNotFound)
		}
		return v, err
	}
	picked, err := pickUpdated(meta, rv, fields)
	if err != nil {
		return nil, err
	}
	ms := sqlOf(meta, d)
	query, fs := updateSQL(meta, d, ms.table, ms.notDeleted != "", picked, false)
	query += returningList(meta, d)
	var stamp time.Time
	args := make([]any, 0, len(fs)+1)
	for _, f := range fs {
		fv := rv.FieldByIndex(f.Index)
		if f.AutoNow {
			if stamp.IsZero() {
				stamp = now()
			}
			setTime(fv, stamp)
		}
		args = append(args, f.Bind(fv, d))
	}
	args = append(args, meta.PK.Bind(rv.FieldByIndex(meta.PK.Index), d))
	rows, err := s.queryWriter(ctx, query, args...)
	if err != nil {
		return nil, explainWrite(ctx, meta, rv, wrap("update", meta.Table(), err))
	}
	out, err := scanStructs[T](meta, rows, meta.Fields, 1, 1)
	if err != nil { // the write itself can fail here, on PostgreSQL
		return nil, explainWrite(ctx, meta, rv, wrap("update", meta.Table(), s.db.classify(err)))
	}
	if len(out) == 0 {
		return nil, wrap("update", meta.Table(), ErrNotFound)
	}
	return &out[0], nil
}

// returningLists caches the RETURNING clause of each model and dialect.
var returningLists sync.Map // returningKey -> string

type returningKey struct {
	m *Model
	d string
}

// returningList returns " RETURNING" and every column of m in field order,
// as Find reads them.
func returningList(m *Model, d dialect.Dialect) string {
	k := returningKey{m, d.Name()}
	if s, ok := returningLists.Load(k); ok {
		return s.(string)
	}
	cols := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		cols[i] = d.Quote(f.Column)
	}
	s := " RETURNING " + strings.Join(cols, ", ")
	returningLists.Store(k, s)
	return s
}

func (typedRows[T]) UpdateReturning(ctx context.Context, v any, fields ...string) (any, error) {
	out, err := UpdateReturning(ctx, v.(*T), fields...)
	if out == nil || err != nil {
		return nil, err
	}
	return out, nil
}
