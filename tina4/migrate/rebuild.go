package migrate

import (
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// rebuildTables replaces, on SQLite, the changes of a table that include
// one ALTER TABLE cannot make (a type, a NOT NULL, a foreign key on an
// existing column) by the documented table rebuild: create the model's
// table under a new name, copy the rows, drop the old table, rename the new
// one, create the indexes and triggers again. Its down does the same back
// to the table's stored CREATE TABLE.
//
// It is generated only when it is safe inside the transaction a migration
// runs in, with foreign keys on: every column of the table is mapped by the
// model (none is lost), and no table references it (dropping it would fire
// their ON DELETE actions). Otherwise the changes stay Unsupported, naming
// the manual step. A rebuild is never applied at start-up (Manual at least).
func (g ddl) rebuildTables(changes []Change, specs []orm.TableSpec, live *Live) []Change {
	for _, t := range specs {
		lt := live.Table(t.Name)
		if lt == nil || !needsRebuild(changes, t.Name) || !g.canRebuild(t, lt, live) {
			continue
		}
		rb := g.rebuildChange(t, lt)
		kept := changes[:0:0]
		for _, c := range changes {
			if c.Table != t.Name || c.NewTable {
				kept = append(kept, c)
				continue
			}
			s := c.Safety
			if s == Unsupported {
				s = c.rebuilt
			}
			rb.Safety = max(rb.Safety, s)
			rb.What += "; " + c.What
			rb.Ambiguous = rb.Ambiguous || c.Ambiguous
		}
		changes = append(kept, rb)
	}
	return changes
}

func needsRebuild(changes []Change, table string) bool {
	for _, c := range changes {
		if c.Table == table && c.Safety == Unsupported && !c.NewTable {
			return true
		}
	}
	return false
}

func (g ddl) canRebuild(t orm.TableSpec, lt *LiveTable, live *Live) bool {
	if lt.SQL == "" || len(createTable.FindStringSubmatchIndex(lt.SQL)) == 0 {
		return false
	}
	for _, lc := range lt.Columns {
		if specColumn(t, lc.Name) == nil {
			return false
		}
	}
	for _, other := range live.Tables {
		for _, fk := range other.ForeignKeys {
			if strings.EqualFold(fk.RefTable, t.Name) {
				return false
			}
		}
	}
	return strings.HasPrefix(t.CreateSQL()[0], g.createPrefix(t.Name))
}

func specColumn(t orm.TableSpec, name string) *orm.ColumnSpec {
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

func (g ddl) createPrefix(table string) string {
	return "CREATE TABLE IF NOT EXISTS " + g.q(table) + " ("
}

// rebuildChange writes the rebuild of table t from lt and back.
func (g ddl) rebuildChange(t orm.TableSpec, lt *LiveTable) Change {
	tmp := "tina4_rebuild_" + t.Name
	create := t.CreateSQL()
	newTable := "CREATE TABLE " + g.q(tmp) + " (" + strings.TrimPrefix(create[0], g.createPrefix(t.Name))
	loc := createTable.FindStringSubmatchIndex(lt.SQL)
	oldTable := lt.SQL[:loc[2]] + g.q(tmp) + lt.SQL[loc[3]:]
	var cols []string
	for _, lc := range lt.Columns {
		cols = append(cols, g.q(lc.Name))
	}
	list := strings.Join(cols, ", ")
	// The model's new NOT NULL columns without default get the Go zero
	// value in the copied rows, as an added column would; so do the NULLs
	// of a column that becomes NOT NULL because its field cannot hold NULL.
	into := list
	sel := make([]string, len(lt.Columns))
	for i, lc := range lt.Columns {
		sel[i] = cols[i]
		if c := specColumn(t, lc.Name); c != nil && !lc.NotNull && !c.ReadsNull && !c.PrimaryKey {
			if lit, ok := g.zeroDefault(c.Kind); ok {
				sel[i] = fmt.Sprintf("COALESCE(%s, %s)", cols[i], lit)
			}
		}
	}
	from := strings.Join(sel, ", ")
	for _, c := range t.Columns {
		if lt.Column(c.Name) != nil || !c.NotNull || c.Default != nil || c.PrimaryKey {
			continue
		}
		if lit, ok := g.zeroDefault(c.Kind); ok && c.References == "" {
			into += ", " + g.q(c.Name)
			from += ", " + lit
		}
	}
	swap := func(createTmp, ins, sel string, indexes []string) []string {
		out := []string{createTmp,
			fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s", g.q(tmp), ins, sel, g.q(t.Name)),
			"DROP TABLE " + g.q(t.Name),
			fmt.Sprintf("ALTER TABLE %s RENAME TO %s", g.q(tmp), g.q(t.Name)),
		}
		return append(out, indexes...)
	}
	return Change{
		Table:  t.Name,
		Safety: Manual,
		What:   fmt.Sprintf("table %q is rebuilt (SQLite cannot ALTER it)", t.Name),
		Up:     swap(newTable, into, from, append(append([]string(nil), lt.Attached...), create[1:]...)),
		Down:   swap(oldTable, list, list, lt.Attached),
	}
}
