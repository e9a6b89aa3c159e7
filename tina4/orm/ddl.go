package orm

import (
	"context"
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// CreateTable creates the table of model T when it does not exist, with its
// columns' types, primary key, NOT NULL for required and non-pointer fields,
// DEFAULTs, and FOREIGN KEY ... REFERENCES for columns tagged references.
// The registered models its foreign keys point to are created first when
// missing. Calling it again is harmless.
func CreateTable[T any](ctx context.Context) error {
	m, err := ModelOf[T]()
	if err != nil {
		return err
	}
	return CreateModelTable(ctx, m)
}

// CreateModelTable creates the table of model m when it does not exist; see
// CreateTable. The registered models its foreign keys point to are
// created first, when this database has not created them yet: the server
// engines refuse a foreign key to a table that does not exist.
func CreateModelTable(ctx context.Context, m *Model) error {
	return createTable(ctx, m, map[*Model]bool{})
}

func createTable(ctx context.Context, m *Model, visiting map[*Model]bool) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	visiting[m] = true
	for _, dep := range referencedModels(m) {
		if _, done := s.db.created.Load(dep.Table()); done || visiting[dep] {
			continue // created, itself, or a cycle (which the engine will report)
		}
		if err := createTable(ctx, dep, visiting); err != nil {
			return err
		}
	}
	stmts, err := CreateTableSQL(m, s.db.dialect)
	if err != nil {
		return wrap("create table", m.Table(), err)
	}
	for _, q := range stmts {
		if _, err := s.execDirect(ctx, q); err != nil {
			return wrap("create table", m.Table(), err)
		}
	}
	s.db.created.Store(m.Table(), true)
	return wrap("create table", m.Table(), createJunctions(ctx, s, m))
}

// createJunctions creates the junction of every many-to-many relation whose
// two tables this database has created: the relation's second table to be
// created brings its junction, since engines with strict DDL refuse a
// foreign key to a table that does not exist yet. A relation that does not
// resolve fails the creation of its own model (created) only, never of an
// unrelated one.
func createJunctions(ctx context.Context, s session, created *Model) error {
	models := schema.Default.Known()
	for _, m := range models {
		for _, r := range m.Relations {
			if r.Kind != RelManyToMany {
				continue
			}
			target, err := r.Target()
			if err != nil {
				if m == created {
					return err
				}
				continue
			}
			_, ownDone := s.db.created.Load(m.Table())
			_, targetDone := s.db.created.Load(target.Table())
			if !ownDone || !targetDone {
				continue
			}
			if _, done := s.db.created.LoadOrStore("junction "+r.JunctionDef().Table, true); done {
				continue
			}
			stmts, err := junctionSQL(r, s.db.dialect)
			if err != nil {
				return err
			}
			for _, q := range stmts {
				if _, err := s.execDirect(ctx, q); err != nil {
					s.db.created.Delete("junction " + r.JunctionDef().Table)
					return err
				}
			}
		}
	}
	return nil
}

// referencedModels returns the registered models that the model's
// foreign-key columns point to (declared relations and references tags).
func referencedModels(m *Model) []*Model {
	var out []*Model
	for _, f := range m.Fields {
		switch {
		case f.Relation() != nil:
			if t, err := f.Relation().Target(); err == nil {
				out = append(out, t)
			}
		case f.References != "":
			table, _, _ := strings.Cut(f.References, ".")
			for _, r := range Models() {
				if r.Table() == table {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// CreateTableSQL returns the statements that create the model's table and
// the indexes of its foreign-key columns, for dialect d.
func CreateTableSQL(m *Model, d dialect.Dialect) ([]string, error) {
	var defs []string
	for _, f := range m.Fields {
		c, err := fieldColumn(d, f)
		if err != nil {
			return nil, err
		}
		defs = append(defs, d.ColumnDef(c))
	}
	var indexes []string
	for _, f := range m.Fields {
		ref := f.References
		if f.Relation() != nil {
			t, err := f.Relation().Target()
			if err != nil {
				return nil, err
			}
			ref = t.Table() + "." + t.PK.Column
		}
		if ref == "" {
			continue
		}
		table, col, _ := strings.Cut(ref, ".")
		fk := fmt.Sprintf("FOREIGN KEY (%s) REFERENCES %s (%s)", d.Quote(f.Column), d.Quote(table), d.Quote(col)) +
			ForeignKeySpec{OnDelete: f.OnDelete, OnUpdate: f.OnUpdate}.Actions()
		defs = append(defs, fk)
		if !d.Features().Has(feature.ForeignKeyIndex) {
			idx := d.CreateIndex("idx_"+m.Table()+"_"+f.Column, m.Table(), f.Column)
			indexes = append(indexes, idx)
		}
	}
	create := fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (\n  %s\n)%s", d.Quote(m.Table()), strings.Join(defs, ",\n  "), d.CreateTableSuffix())
	return append([]string{create}, indexes...), nil
}

// CreateTables creates the tables of every registered model, in registration
// order, each after the models its foreign keys point to.
func CreateTables(ctx context.Context) error {
	return withSchemaLock(ctx, func(ctx context.Context) error {
		for _, m := range Models() {
			if err := CreateModelTable(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
}
