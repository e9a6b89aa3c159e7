package orm

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// ManyToMany is a declared many-to-many relation through a junction table
// holding pairs of keys. Declare it on either side or both:
//
//	type Post struct {
//		ID   int64
//		Tags orm.ManyToMany[Tag] // junction "posts_tags" (the two table names, sorted), or `through:"..."`
//	}
//
// The junction has the columns <owner>_id and <target>_id, named after the
// singular of each table name (never the Go type names, so renaming a type
// keeps the schema), a primary key on the pair (so a pair is stored once),
// and ON DELETE CASCADE on both, so deleting either row removes its pairs.
// Relation.Junction tells the names.
//
// A model may relate to itself (Friends orm.ManyToMany[User] on User): the
// junction is <table>_<relation> ("users_friends", or the through tag) with
// the columns from_<singular>_id and to_<singular>_id. Such a relation is
// symmetrical by default, as friendship is: Add(b) on a also links b to a,
// and Remove and Clear unlink both ways. Tag it `symmetrical:"false"` for a
// directed relation (following), which stores and reads one way only.
type ManyToMany[T any] struct{ relSet[T] }

func (*ManyToMany[T]) RelationKind() RelKind        { return RelManyToMany }
func (*ManyToMany[T]) RelationTarget() reflect.Type { return reflect.TypeFor[T]() }

// junctionSQL returns the statements that create the junction of r.
func junctionSQL(r *Relation, d dialect.Dialect) ([]string, error) {
	target, err := r.Target()
	if err != nil {
		return nil, err
	}
	j := r.JunctionDef()
	type col struct {
		name string
		ref  *Model
	}
	cols := []col{{j.Own, r.Owner}, {j.Other, target}}
	if !j.OwnFirst {
		cols[0], cols[1] = cols[1], cols[0]
	}
	var defs, fks []string
	for _, c := range cols {
		col := dialect.Column{Name: c.name, Kind: dialect.Int, NotNull: true}
		if k := c.ref.PK.Kind; k != dialect.Int {
			col.Kind, col.Size = dialect.String, c.ref.PK.Size
			if col.Size == 0 && d.Name() == "mysql" {
				col.Size = 255 // the VARCHAR(255) of a text key there; TEXT cannot be in a key
			}
		}
		defs = append(defs, d.ColumnDef(col))
		fks = append(fks, fmt.Sprintf("FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE CASCADE",
			d.Quote(c.name), d.Quote(c.ref.Table()), d.Quote(c.ref.PK.Column)))
	}
	defs = append(defs, "PRIMARY KEY ("+d.Quote(cols[0].name)+", "+d.Quote(cols[1].name)+")")
	defs = append(defs, fks...)
	stmts := []string{fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (\n  %s\n)%s", d.Quote(j.Table), strings.Join(defs, ",\n  "), d.CreateTableSuffix())}
	if idx := d.CreateIndex("idx_"+j.Table+"_"+cols[1].name, j.Table, cols[1].name); idx != "" {
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

func (r *ManyToMany[T]) ready() (*schema.Junction, error) {
	if r.bound == nil {
		return nil, fmt.Errorf("orm: many-to-many relation is not bound to a row: read or save the owner first")
	}
	if _, err := r.bound.Target(); err != nil {
		return nil, err
	}
	return r.bound.JunctionDef(), nil
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
	q := d.Rebind(d.InsertIgnore(d.Quote(j.Table), []string{d.Quote(j.Own), d.Quote(j.Other)}))
	for _, id := range ids {
		if _, err := s.exec(ctx, q, r.owner, id); err != nil {
			return wrap("add", j.Table, err)
		}
		if j.Symmetric {
			if _, err := s.exec(ctx, q, id, r.owner); err != nil {
				return wrap("add", j.Table, err)
			}
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
	one := func(own, other string) string {
		c := d.Quote(own) + " = ?"
		if len(keys) > 0 {
			c += " AND " + d.Quote(other) + " IN (?" + strings.Repeat(", ?", len(keys)-1) + ")"
		}
		return c
	}
	q := "DELETE FROM " + d.Quote(j.Table) + " WHERE " + one(j.Own, j.Other)
	args := append([]any{r.owner}, keys...)
	if j.Symmetric { // the pairs stored the other way too
		q = "DELETE FROM " + d.Quote(j.Table) + " WHERE (" + one(j.Own, j.Other) + ") OR (" + one(j.Other, j.Own) + ")"
		args = append(args, args...)
	}
	if _, err := s.exec(ctx, d.Rebind(q), args...); err != nil {
		return wrap(op, j.Table, err)
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
