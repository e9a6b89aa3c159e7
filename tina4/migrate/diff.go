package migrate

import (
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Safety says how a Change may be applied.
type Safety uint8

const (
	// Additive changes lose nothing and cannot fail on existing rows: new
	// tables, new columns that are NULL-able or defaulted, new indexes, new
	// foreign keys where the engine adds them. Start-up applies them when
	// TINA4_AUTO_MIGRATE is on (new tables always).
	Additive Safety = iota
	// Manual changes keep the data but may fail on it, or change a schema
	// written by hand (widening a column, dropping a NOT NULL, a NOT NULL
	// column without default): only a migration applies them.
	Manual
	// Destructive changes may lose data (dropping a column, changing a
	// column's type): a generated migration writes them commented out
	// unless asked (--destructive).
	Destructive
	// Unsupported changes are those the engine cannot make with ALTER TABLE
	// (SQLite): the generated migration names the manual step.
	Unsupported
)

// String names the safety class.
func (s Safety) String() string {
	return [...]string{"additive", "manual", "destructive", "unsupported"}[s]
}

// Change is one difference between the models and the live schema, with
// the statements that resolve it and those that undo them.
type Change struct {
	// Table and Column locate the difference (Column is "" for a table).
	Table, Column string
	// What describes the difference: `table "notes" has no column "subtitle"`.
	What   string
	Safety Safety
	// Up resolves the difference; Down undoes Up. For an Unsupported change
	// Up holds the manual step, as comment lines.
	Up, Down []string
	// NewTable marks the creation of a missing table.
	NewTable bool
	// Ambiguous marks an added column of a table that also has a column the
	// model does not map: it may be a rename, so start-up never adds it.
	Ambiguous bool

	// rebuilt is the class of an Unsupported change when a table rebuild
	// makes it (SQLite).
	rebuilt Safety
}

// Plan is the list of changes that bring a database to the models, in the
// order they must run, and warnings that are not differences (a column
// that the model no longer maps, which may be a renamed one).
type Plan struct {
	Engine   string
	Changes  []Change
	Warnings []string
}

// Empty reports whether the database matches the models.
func (p Plan) Empty() bool { return len(p.Changes) == 0 }

// Diff compares the tables the models need (orm.Schema) with the live
// schema and returns the plan for dialect d.
func Diff(specs []orm.TableSpec, live *Live, d dialect.Dialect) Plan {
	p := Plan{Engine: d.Name()}
	g := ddl{d: d}
	var fks []Change // foreign keys on existing tables, after every new table and column
	order := createOrder(specs, live)
	cyclic := cyclicKeys(order, d)
	for _, t := range order {
		p.Changes = append(p.Changes, Change{Table: t.Name, What: fmt.Sprintf("table %q is missing", t.Name),
			Safety: Additive, NewTable: true, Up: createSQL(t, cyclic[t.Name], d), Down: []string{"DROP TABLE " + d.Quote(t.Name)}})
		for _, fk := range cyclic[t.Name] {
			fks = append(fks, g.addCyclicKey(t.Name, fk))
		}
	}
	var later []Change
	for _, t := range specs {
		lt := live.Table(t.Name)
		if lt == nil {
			continue
		}
		var missing []string
		first := len(p.Changes)
		for _, c := range t.Columns {
			lc := lt.Column(c.Name)
			if lc == nil {
				missing = append(missing, c.Name)
				ch, fk := g.addColumn(t, c)
				p.Changes = append(p.Changes, ch)
				if fk != nil {
					fks = append(fks, *fk)
				}
				continue
			}
			later = append(later, g.alterColumn(t, c, lc)...)
		}
		later = append(later, g.indexes(t, lt)...)
		for _, fk := range t.ForeignKeys {
			if lt.Column(fk.Column) != nil && !hasForeignKey(lt, fk) {
				fks = append(fks, g.addForeignKey(t.Name, fk, false))
			}
		}
		warnings := g.extraColumns(t, lt, missing, &later)
		if len(warnings) > 0 {
			for i := first; i < len(p.Changes); i++ {
				p.Changes[i].Ambiguous = true
			}
			for i := range fks {
				if fks[i].Table == t.Name {
					fks[i].Ambiguous = true
				}
			}
		}
		p.Warnings = append(p.Warnings, warnings...)
	}
	p.Changes = append(p.Changes, fks...)
	p.Changes = append(p.Changes, later...)
	if g.sqlite() {
		p.Changes = g.rebuildTables(p.Changes, specs, live)
	}
	return p
}

// createOrder returns the tables that do not exist, each after the missing
// tables its foreign keys reference (a cycle keeps registration order, and
// the engine reports it).
func createOrder(specs []orm.TableSpec, live *Live) []orm.TableSpec {
	missing := map[string]orm.TableSpec{}
	for _, t := range specs {
		if live.Table(t.Name) == nil {
			missing[strings.ToLower(t.Name)] = t
		}
	}
	var out []orm.TableSpec
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(t orm.TableSpec)
	visit = func(t orm.TableSpec) {
		key := strings.ToLower(t.Name)
		if state[key] != 0 {
			return
		}
		state[key] = 1
		for _, fk := range t.ForeignKeys {
			if dep, ok := missing[strings.ToLower(fk.RefTable)]; ok {
				visit(dep)
			}
		}
		state[key] = 2
		out = append(out, t)
	}
	for _, t := range specs {
		if _, ok := missing[strings.ToLower(t.Name)]; ok {
			visit(t)
		}
	}
	return out
}

func hasForeignKey(lt *LiveTable, fk orm.ForeignKeySpec) bool {
	for _, l := range lt.ForeignKeys {
		if strings.EqualFold(l.Column, fk.Column) && strings.EqualFold(l.RefTable, fk.RefTable) {
			return true
		}
	}
	return false
}

// hasIndex reports whether an index of lt starts with column (a unique one
// when unique is set: then it must be on that column alone).
func hasIndex(lt *LiveTable, column string, unique bool) bool {
	for _, ix := range lt.Indexes {
		if len(ix.Columns) == 0 || !strings.EqualFold(ix.Columns[0], column) {
			continue
		}
		if !unique || (ix.Unique && len(ix.Columns) == 1) {
			return true
		}
	}
	return false
}
