package orm

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// ManyToMany is a declared many-to-many relation through a junction table
// holding pairs of keys. Declare it on either side or both:
//
//	type Post struct {
//		ID   int64
//		Tags orm.ManyToMany[Tag] // junction "posts_tags" (the two table names, sorted), or `through:"..."`
//	}
//
// The junction has the columns <owner>_id and <target>_id (the model names in
// snake_case), a primary key on the pair (so a pair is stored once), and
// ON DELETE CASCADE on both, so deleting either row removes its pairs.
type ManyToMany[T any] struct{ relSet[T] }

func (*ManyToMany[T]) relationKind() RelKind        { return RelManyToMany }
func (*ManyToMany[T]) relationTarget() reflect.Type { return reflect.TypeFor[T]() }

// junction is a many-to-many relation's table and columns.
type junction struct {
	table    string
	own      string // the column holding the owner's key
	other    string // the column holding the target's key
	ownFirst bool   // the own column comes first (columns sorted by table name)
}

func (r *Relation) resolveJunction() error {
	if r.target == r.Owner {
		return fmt.Errorf("orm: %s.%s: a many-to-many relation of a model with itself needs two distinct models", r.Owner.Name, r.Name)
	}
	for _, m := range []*Model{r.Owner, r.target} {
		if !m.PK.Type.ConvertibleTo(reflect.TypeFor[int64]()) {
			return fmt.Errorf("orm: %s.%s: many-to-many needs integer primary keys (%s)", r.Owner.Name, r.Name, m.Name)
		}
	}
	own, other := r.Owner.Table(), r.target.Table()
	j := &junction{
		table:    r.through,
		own:      CamelToSnake(r.Owner.Name) + "_id",
		other:    CamelToSnake(r.target.Name) + "_id",
		ownFirst: own <= other,
	}
	if j.table == "" {
		names := []string{own, other}
		sort.Strings(names)
		j.table = names[0] + "_" + names[1]
	}
	r.junction = j
	return nil
}

// junctionSQL returns the statements that create the junction of r.
func (r *Relation) junctionSQL(d dialect.Dialect) ([]string, error) {
	if _, err := r.Target(); err != nil {
		return nil, err
	}
	j := r.junction
	type col struct {
		name string
		ref  *Model
	}
	cols := []col{{j.own, r.Owner}, {j.other, r.target}}
	if !j.ownFirst {
		cols[0], cols[1] = cols[1], cols[0]
	}
	var defs, fks []string
	for _, c := range cols {
		defs = append(defs, d.ColumnDef(dialect.Column{Name: c.name, Kind: dialect.Int, NotNull: true}))
		fks = append(fks, fmt.Sprintf("FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE CASCADE",
			d.Quote(c.name), d.Quote(c.ref.Table()), d.Quote(c.ref.PK.Column)))
	}
	defs = append(defs, "PRIMARY KEY ("+d.Quote(cols[0].name)+", "+d.Quote(cols[1].name)+")")
	defs = append(defs, fks...)
	stmts := []string{fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (\n  %s\n)%s", d.Quote(j.table), strings.Join(defs, ",\n  "), d.CreateTableSuffix())}
	if !d.Features().Has(feature.ForeignKeyIndex) {
		idx := d.CreateIndex("idx_"+j.table+"_"+cols[1].name, j.table, cols[1].name)
		stmts = append(stmts, idx)
	}
	return stmts, nil
}

// keysOf returns the primary keys of items, models of the relation's target.
func keysOf[T any](items []*T) ([]any, error) {
	keys := make([]any, 0, len(items))
	for _, it := range items {
		m, rv, err := modelOfValue(it)
		if err != nil {
			return nil, err
		}
		k := rv.FieldByIndex(m.PK.Index)
		if k.IsZero() {
			return nil, invalidf("orm: many-to-many: %s is not saved (its key is zero)", m.Name)
		}
		keys = append(keys, keyOf(k))
	}
	return keys, nil
}

func (r *ManyToMany[T]) ready() (*junction, error) {
	if r.bound == nil {
		return nil, fmt.Errorf("orm: many-to-many relation is not bound to a row: read or save the owner first")
	}
	if _, err := r.bound.Target(); err != nil {
		return nil, err
	}
	return r.bound.junction, nil
}

// Add links the owner to items (saved rows of T); pairs already linked are
// left as they are.
func (r *ManyToMany[T]) Add(ctx context.Context, items ...*T) error {
	keys, err := keysOf(items)
	if err != nil {
		return err
	}
	return r.AddIDs(ctx, keys...)
}

// AddIDs links the owner to the rows of T with the given primary keys.
func (r *ManyToMany[T]) AddIDs(ctx context.Context, ids ...any) error {
	j, err := r.ready()
	if err != nil {
		return err
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	q := d.Rebind(d.InsertIgnore(d.Quote(j.table), []string{d.Quote(j.own), d.Quote(j.other)}))
	markFixed(q)
	for _, id := range ids {
		if _, err := s.exec(ctx, q, r.owner, id); err != nil {
			return wrap("add", j.table, err)
		}
	}
	r.prefetch, r.items = false, nil
	return nil
}

// Remove unlinks the owner from items.
func (r *ManyToMany[T]) Remove(ctx context.Context, items ...*T) error {
	keys, err := keysOf(items)
	if err != nil || len(keys) == 0 {
		return err
	}
	return r.unlink(ctx, "remove", keys)
}

// Clear unlinks the owner from every row of T.
func (r *ManyToMany[T]) Clear(ctx context.Context) error { return r.unlink(ctx, "clear", nil) }

func (r *ManyToMany[T]) unlink(ctx context.Context, op string, keys []any) error {
	j, err := r.ready()
	if err != nil {
		return err
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	q := "DELETE FROM " + d.Quote(j.table) + " WHERE " + d.Quote(j.own) + " = ?"
	if len(keys) > 0 {
		q += " AND " + d.Quote(j.other) + " IN (?" + strings.Repeat(", ?", len(keys)-1) + ")"
	}
	if _, err := s.exec(ctx, d.Rebind(q), append([]any{r.owner}, keys...)...); err != nil {
		return wrap(op, j.table, err)
	}
	r.prefetch, r.items = false, nil
	return nil
}

// Set makes items the owner's only links, in one transaction.
func (r *ManyToMany[T]) Set(ctx context.Context, items ...*T) error {
	keys, err := keysOf(items)
	if err != nil {
		return err
	}
	return Transaction(ctx, func(ctx context.Context) error {
		if err := r.Clear(ctx); err != nil {
			return err
		}
		return r.AddIDs(ctx, keys...)
	})
}
