package orm

import (
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// TableSpec is the table a registered model (or a many-to-many junction)
// needs, as the ORM would create it: what package migrate compares with the
// live schema of a database, and the statements that create it.
type TableSpec struct {
	// Name is the table's name.
	Name string
	// Model is the model mapping the table, nil for a junction.
	Model *Model
	// Columns are the table's columns, in field order, in the dialect's terms
	// (defaults rendered as literals).
	Columns []ColumnSpec
	// ForeignKeys are the table's foreign keys, one column each.
	ForeignKeys []ForeignKeySpec
	// Indexes are the non-unique indexes the ORM makes (on foreign-key
	// columns, on engines that do not index them by themselves).
	Indexes []IndexSpec

	create []string
}

// ColumnSpec is one column of a TableSpec.
type ColumnSpec struct {
	dialect.Column
	// Nullable reports whether the model may write NULL into the column (a
	// pointer or sql.Null field that validation does not require).
	Nullable bool
	// References is the "table" a foreign-key column points to, or "".
	References string
	// ReadsNull reports whether a NULL in the column loads into the field
	// (a pointer, sql.Null, time, ForeignKey or []byte field): a plain
	// string, number or bool field cannot hold one, so a NULL-able column
	// for it is a difference (see migrate).
	ReadsNull bool
}

// ForeignKeySpec is a one-column foreign key.
type ForeignKeySpec struct {
	Column, RefTable, RefColumn string
	OnDelete, OnUpdate          string
}

// Actions renders the key's referential actions: " ON DELETE x ON UPDATE y".
// ON UPDATE is written even when RESTRICT (the documented default), since
// an engine left without it applies NO ACTION; an empty action is RESTRICT.
func (f ForeignKeySpec) Actions() string {
	onDelete, onUpdate := f.OnDelete, f.OnUpdate
	if onDelete == "" {
		onDelete = "RESTRICT"
	}
	if onUpdate == "" {
		onUpdate = "RESTRICT"
	}
	return " ON DELETE " + onDelete + " ON UPDATE " + onUpdate
}

// IndexSpec is an index on one column.
type IndexSpec struct {
	Name   string
	Column string
	Unique bool
}

// CreateSQL returns the statements that create the table and its indexes,
// as CreateTable runs them.
func (t TableSpec) CreateSQL() []string { return append([]string(nil), t.create...) }

// Schema returns the tables of every registered model, in registration
// order, then the junctions of their many-to-many relations (each once), for
// dialect d.
func Schema(d dialect.Dialect) ([]TableSpec, error) { return SchemaOf(d, Models()) }

// SchemaOf is Schema for the given models.
func SchemaOf(d dialect.Dialect, models []*Model) ([]TableSpec, error) {
	out := make([]TableSpec, 0, len(models))
	for _, m := range models {
		t, err := tableSpec(m, d)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	seen := map[string]bool{}
	for _, m := range models {
		for _, r := range m.Relations {
			if r.Kind != RelManyToMany {
				continue
			}
			if _, err := r.Target(); err != nil {
				return nil, err
			}
			if seen[r.JunctionDef().Table] {
				continue
			}
			seen[r.JunctionDef().Table] = true
			t, err := junctionSpec(r, d)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// fieldColumn is the column of field f in dialect d's terms, as CREATE
// TABLE declares it.
func fieldColumn(d dialect.Dialect, f *Field) (dialect.Column, error) {
	c := dialect.Column{
		Name: f.Column, Kind: f.Kind, Size: f.Size, PrimaryKey: f.PrimaryKey,
		AutoIncrement: f.AutoIncrement && f.PrimaryKey, NotNull: !f.Nullable || f.Required, Unique: f.Unique,
	}
	if (f.References != "" || f.Relation() != nil) && f.Kind == dialect.String && c.Size == 0 && !d.Features().Has(feature.IndexedText) {
		c.Size = 255 // a text key must match the VARCHAR(255) of the key it references (MySQL cannot index TEXT)
	}
	if f.HasDefault {
		lit, err := d.Literal(f.Kind, f.Default)
		if err != nil {
			return c, fmt.Errorf("column %s: %w", f.Column, err)
		}
		c.Default = &lit
	}
	return c, nil
}

// foreignKey returns the foreign key of field f, if it has one.
func fieldForeignKey(f *Field) (ForeignKeySpec, bool, error) {
	ref := f.References
	if f.Relation() != nil {
		t, err := f.Relation().Target()
		if err != nil {
			return ForeignKeySpec{}, false, err
		}
		ref = t.Table() + "." + t.PK.Column
	}
	if ref == "" {
		return ForeignKeySpec{}, false, nil
	}
	table, col, _ := strings.Cut(ref, ".")
	return ForeignKeySpec{Column: f.Column, RefTable: table, RefColumn: col, OnDelete: f.OnDelete, OnUpdate: f.OnUpdate}, true, nil
}

func tableSpec(m *Model, d dialect.Dialect) (TableSpec, error) {
	t := TableSpec{Name: m.Table(), Model: m}
	for _, f := range m.Fields {
		c, err := fieldColumn(d, f)
		if err != nil {
			return t, wrap("schema", m.Table(), err)
		}
		cs := ColumnSpec{Column: c, Nullable: !c.NotNull, ReadsNull: f.ReadsNull()}
		fk, ok, err := fieldForeignKey(f)
		if err != nil {
			return t, err
		}
		if ok {
			cs.References = fk.RefTable
			t.ForeignKeys = append(t.ForeignKeys, fk)
			name := "idx_" + m.Table() + "_" + f.Column
			if !d.Features().Has(feature.ForeignKeyIndex) {
				t.Indexes = append(t.Indexes, IndexSpec{Name: name, Column: f.Column})
			}
		}
		t.Columns = append(t.Columns, cs)
	}
	create, err := CreateTableSQL(m, d)
	if err != nil {
		return t, wrap("schema", m.Table(), err)
	}
	t.create = create
	return t, nil
}

func junctionSpec(r *Relation, d dialect.Dialect) (TableSpec, error) {
	target, _ := r.Target() // resolved by the caller
	j := r.JunctionDef()
	t := TableSpec{Name: j.Table}
	cols := []struct {
		name string
		ref  *Model
	}{{j.Own, r.Owner}, {j.Other, target}}
	if !j.OwnFirst {
		cols[0], cols[1] = cols[1], cols[0]
	}
	for i, c := range cols {
		t.Columns = append(t.Columns, ColumnSpec{
			Column:     dialect.Column{Name: c.name, Kind: dialect.Int, NotNull: true},
			References: c.ref.Table(),
			ReadsNull:  true, // read as keys, never into a field
		})
		t.ForeignKeys = append(t.ForeignKeys, ForeignKeySpec{Column: c.name, RefTable: c.ref.Table(),
			RefColumn: c.ref.PK.Column, OnDelete: "CASCADE", OnUpdate: "RESTRICT"})
		name := "idx_" + j.Table + "_" + c.name
		if i == 1 && !d.Features().Has(feature.ForeignKeyIndex) {
			t.Indexes = append(t.Indexes, IndexSpec{Name: name, Column: c.name})
		}
	}
	create, err := junctionSQL(r, d)
	if err != nil {
		return t, err
	}
	t.create = create
	return t, nil
}
