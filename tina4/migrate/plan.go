package migrate

import (
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// ddl writes the statements of a plan in one engine's dialect.
type ddl struct{ d dialect.Dialect }

func (g ddl) q(s string) string { return g.d.Quote(s) }

// sqlite reports whether the engine's ALTER TABLE is SQLite's limited one
// (no feature.AlterTable): such changes are rebuilds.
func (g ddl) sqlite() bool { return !g.has(feature.AlterTable) }

func (g ddl) has(f feature.Feature) bool { return g.d.Features().Has(f) }

func (g ddl) alter(table string) string { return "ALTER TABLE " + g.q(table) + " " }

// colType is the type the dialect declares for a column.
func (g ddl) colType(c dialect.Column) string {
	return strings.TrimPrefix(g.d.ColumnDef(dialect.Column{Name: c.Name, Kind: c.Kind, Size: c.Size, Unique: c.Unique}), g.q(c.Name)+" ")
}

func (g ddl) dropIndex(table, name string) string { return g.d.DropIndex(name, table) }

// rebuild is the manual step for a change SQLite cannot ALTER: the table
// rebuild of SQLite's documentation. It is not generated: it needs
// PRAGMA foreign_keys=OFF, which SQLite ignores inside the transaction a
// migration runs in, and with foreign keys on, dropping the old table
// fires the ON DELETE actions of the rows that reference it.
func (g ddl) rebuild(table, what string) []string {
	t := g.q(table)
	nt := g.q("new_" + table)
	return []string{
		fmt.Sprintf("-- SQLite cannot %s with ALTER TABLE: rebuild the table by hand", what),
		"-- (https://www.sqlite.org/lang_altertable.html#otheralter), in the sqlite3 shell with the app stopped:",
		"--   PRAGMA foreign_keys=OFF; BEGIN;",
		fmt.Sprintf("--   CREATE TABLE %s (... the columns as the model declares them ...);", nt),
		fmt.Sprintf("--   INSERT INTO %s (columns) SELECT columns FROM %s;", nt, t),
		fmt.Sprintf("--   DROP TABLE %s; ALTER TABLE %s RENAME TO %s;", t, nt, t),
		"--   (create the table's indexes and triggers again) PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys=ON;",
		"-- then run `go run . migrate:diff` to check.",
	}
}

// zeroDefault is the default given to a new NOT NULL column without one,
// so that existing rows get the Go zero value; ok is false for kinds
// without a sensible literal (times, bytes).
func (g ddl) zeroDefault(k dialect.Kind) (string, bool) {
	var v string
	switch k {
	case dialect.Int, dialect.Float:
		v = "0"
	case dialect.Bool:
		v = "false"
	case dialect.String, dialect.Text:
		v = ""
	default:
		return "", false
	}
	lit, err := g.d.Literal(k, v)
	return lit, err == nil
}

// addColumn adds a missing column, with its unique index, its foreign-key
// index and (on SQLite, inline) its foreign key; on the other engines the
// foreign key is a separate change, returned second.
func (g ddl) addColumn(t orm.TableSpec, c orm.ColumnSpec) (Change, *Change) {
	ch := Change{Table: t.Name, Column: c.Name, Safety: Additive,
		What: fmt.Sprintf("table %q has no column %q", t.Name, c.Name)}
	col := c.Column
	col.PrimaryKey, col.AutoIncrement = false, false
	if c.PrimaryKey {
		ch.Safety, ch.What = Unsupported, ch.What+" (its primary key)"
		ch.Up = []string{"-- Adding a primary-key column is not generated: write this migration by hand."}
		return ch, nil
	}
	if col.NotNull && col.Default == nil {
		lit, ok := g.zeroDefault(col.Kind)
		switch {
		case ok && c.References == "":
			col.Default = &lit
			ch.What += fmt.Sprintf(" (NOT NULL: existing rows get DEFAULT %s)", lit)
		case g.sqlite():
			ch.Safety = Unsupported
			ch.What += " (NOT NULL without a default)"
			ch.Up = []string{"-- SQLite adds a NOT NULL column only with a DEFAULT: give the field a default tag,",
				"-- make it a pointer (NULL-able), or rebuild the table by hand",
				"-- (https://www.sqlite.org/lang_altertable.html#otheralter)."}
			return ch, nil
		default:
			ch.Safety = Manual
			ch.What += " (NOT NULL without a default: fails on a table with rows)"
		}
	}
	sqliteUnique := g.sqlite() && col.Unique
	if sqliteUnique {
		col.Unique = false // SQLite cannot ADD COLUMN ... UNIQUE
	}
	def := g.d.ColumnDef(col)
	var fk *Change
	for _, f := range t.ForeignKeys {
		if f.Column != c.Name {
			continue
		}
		if g.sqlite() {
			if col.NotNull {
				ch.Safety = Unsupported
				ch.What += " (a NOT NULL foreign key)"
				ch.Up = g.rebuild(t.Name, "add a NOT NULL column with a foreign key")
				return ch, nil
			}
			def += fmt.Sprintf(" REFERENCES %s (%s)", g.q(f.RefTable), g.q(f.RefColumn)) + f.Actions()
			continue
		}
		x := g.addForeignKey(t.Name, f, true)
		fk = &x
	}
	ch.Up = []string{g.alter(t.Name) + "ADD COLUMN " + def}
	ch.Down = []string{g.alter(t.Name) + "DROP COLUMN " + g.q(c.Name)}
	if sqliteUnique {
		name := "uq_" + t.Name + "_" + c.Name
		ch.Up = append(ch.Up, "CREATE UNIQUE INDEX "+g.q(name)+" ON "+g.q(t.Name)+" ("+g.q(c.Name)+")")
		ch.Down = append([]string{g.dropIndex(t.Name, name)}, ch.Down...)
	}
	for _, ix := range t.Indexes {
		if ix.Column == c.Name {
			ch.Up = append(ch.Up, g.d.CreateIndex(ix.Name, t.Name, ix.Column))
			ch.Down = append([]string{g.dropIndex(t.Name, ix.Name)}, ch.Down...)
		}
	}
	return ch, fk
}

// addForeignKey adds a foreign key to a column; fresh marks a column added
// by the same plan.
func (g ddl) addForeignKey(table string, f orm.ForeignKeySpec, fresh bool) Change {
	ch := Change{Table: table, Column: f.Column, Safety: Additive,
		What: fmt.Sprintf("column %q of %q has no foreign key to %q", f.Column, table, f.RefTable)}
	if g.sqlite() {
		ch.Safety = Unsupported
		ch.Up = g.rebuild(table, "add a foreign key to an existing column")
		return ch
	}
	name := "fk_" + table + "_" + f.Column
	stmt := fmt.Sprintf("%sADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)", g.alter(table),
		g.q(name), g.q(f.Column), g.q(f.RefTable), g.q(f.RefColumn)) + f.Actions()
	ch.Up = []string{stmt}
	ch.Down = []string{g.d.DropForeignKey(name, table)}
	if g.has(feature.ForeignKeyIndex) && !fresh { // InnoDB made an index of that name for the key
		ch.Down = append(ch.Down, g.dropIndex(table, name))
	}
	return ch
}

// alterColumn compares an existing column with the field: a type that
// cannot hold the field's values, a NOT NULL the field cannot satisfy.
func (g ddl) alterColumn(t orm.TableSpec, c orm.ColumnSpec, lc *LiveColumn) []Change {
	if c.PrimaryKey {
		return nil
	}
	var out []Change
	ok, tooShort := holds(lc.Type, c.Kind, c.Size)
	if !ok && !g.sqlite() && (c.Kind == dialect.String || c.Kind == dialect.Text) {
		// uuid, json, jsonb, enum, inet...: the server reads and writes them
		// as text, and checks what a string field writes into them. (SQLite
		// gives such a column NUMERIC affinity, which turns "007" into 7.)
		if fam, _ := family(lc.Type); fam == famOther {
			ok = true
		}
	}
	if !ok && !(tooShort && !g.has(feature.VarcharLength)) { // SQLite does not enforce lengths
		ch := Change{Table: t.Name, Column: c.Name, Safety: Destructive,
			What: fmt.Sprintf("column %q of %q is %s; the field needs %s", c.Name, t.Name, lc.Type, g.colType(c.Column))}
		if tooShort {
			ch.Safety = Manual
		}
		switch {
		case g.sqlite():
			ch.rebuilt = ch.Safety
			ch.Safety, ch.Up = Unsupported, g.rebuild(t.Name, "change a column's type")
		case !g.has(feature.ModifyColumn):
			typ := g.colType(c.Column)
			ch.Up = []string{fmt.Sprintf("%sALTER COLUMN %s TYPE %s USING %s::%s", g.alter(t.Name), g.q(c.Name), typ, g.q(c.Name), typ)}
			ch.Down = []string{fmt.Sprintf("%sALTER COLUMN %s TYPE %s USING %s::%s", g.alter(t.Name), g.q(c.Name), lc.Type, g.q(c.Name), lc.Type)}
		default:
			ch.Up = []string{g.alter(t.Name) + "MODIFY COLUMN " + g.q(c.Name) + " " + g.colType(c.Column) + nullSQL(lc.NotNull)}
			ch.Down = []string{g.alter(t.Name) + "MODIFY COLUMN " + g.q(c.Name) + " " + lc.Type + nullSQL(lc.NotNull)}
		}
		out = append(out, ch)
	}
	if lc.NotNull && c.Nullable && !lc.HasDefault {
		out = append(out, g.dropNotNull(t.Name, lc,
			fmt.Sprintf("column %q of %q is NOT NULL; the field may be nil", c.Name, t.Name)))
	}
	if !lc.NotNull && !c.ReadsNull {
		out = append(out, g.setNotNull(t.Name, c, lc))
	}
	return out
}

// setNotNull makes NOT NULL a NULL-able column whose field cannot hold
// NULL (a plain string, number or bool: a row holding NULL fails to load,
// and every list of the model with it). The rows holding NULL get the Go
// zero value, which is what the field reads; on SQLite the table rebuild
// copies them so. Its down lets the column hold NULL again.
func (g ddl) setNotNull(table string, c orm.ColumnSpec, lc *LiveColumn) Change {
	lit, _ := g.zeroDefault(c.Kind) // every kind without a literal reads NULL
	ch := Change{Table: table, Column: c.Name, Safety: Manual,
		What: fmt.Sprintf("column %q of %q is NULL-able; the field cannot hold NULL (rows holding NULL get %s)", c.Name, table, lit)}
	fill := fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s IS NULL", g.q(table), g.q(c.Name), lit, g.q(c.Name))
	switch g.d.Name() {
	case "sqlite":
		ch.rebuilt = Manual
		ch.Safety, ch.Up = Unsupported, g.rebuild(table, "add a NOT NULL")
	case "postgres":
		ch.Up = []string{fill, g.alter(table) + "ALTER COLUMN " + g.q(c.Name) + " SET NOT NULL"}
		ch.Down = []string{g.alter(table) + "ALTER COLUMN " + g.q(c.Name) + " DROP NOT NULL"}
	default:
		ch.Up = []string{fill, g.alter(table) + "MODIFY COLUMN " + g.q(c.Name) + " " + lc.Type + " NOT NULL"}
		ch.Down = []string{g.alter(table) + "MODIFY COLUMN " + g.q(c.Name) + " " + lc.Type + " NULL"}
	}
	return ch
}

func nullSQL(notNull bool) string {
	if notNull {
		return " NOT NULL"
	}
	return " NULL"
}

// dropNotNull lets a column hold NULL.
func (g ddl) dropNotNull(table string, lc *LiveColumn, what string) Change {
	ch := Change{Table: table, Column: lc.Name, Safety: Manual, What: what}
	switch {
	case g.sqlite():
		ch.Safety, ch.Up = Unsupported, g.rebuild(table, "drop a NOT NULL")
	case !g.has(feature.ModifyColumn):
		ch.Up = []string{g.alter(table) + "ALTER COLUMN " + g.q(lc.Name) + " DROP NOT NULL"}
		ch.Down = []string{g.alter(table) + "ALTER COLUMN " + g.q(lc.Name) + " SET NOT NULL"}
	default:
		ch.Up = []string{g.alter(table) + "MODIFY COLUMN " + g.q(lc.Name) + " " + lc.Type + " NULL"}
		ch.Down = []string{g.alter(table) + "MODIFY COLUMN " + g.q(lc.Name) + " " + lc.Type + " NOT NULL"}
	}
	return ch
}

// indexes adds the unique indexes and foreign-key indexes of existing
// columns that the table lacks.
func (g ddl) indexes(t orm.TableSpec, lt *LiveTable) []Change {
	var out []Change
	for _, c := range t.Columns {
		if !c.Unique || c.PrimaryKey || lt.Column(c.Name) == nil || hasIndex(lt, c.Name, true) {
			continue
		}
		name := "uq_" + t.Name + "_" + c.Name
		out = append(out, Change{Table: t.Name, Column: c.Name, Safety: Additive,
			What: fmt.Sprintf("column %q of %q is not unique", c.Name, t.Name),
			Up:   []string{"CREATE UNIQUE INDEX " + g.q(name) + " ON " + g.q(t.Name) + " (" + g.q(c.Name) + ")"},
			Down: []string{g.dropIndex(t.Name, name)}})
	}
	for _, ix := range t.Indexes {
		if lt.Column(ix.Column) == nil || hasIndex(lt, ix.Column, false) {
			continue
		}
		out = append(out, Change{Table: t.Name, Column: ix.Column, Safety: Additive,
			What: fmt.Sprintf("column %q of %q has no index", ix.Column, t.Name),
			Up:   []string{g.d.CreateIndex(ix.Name, t.Name, ix.Column)},
			Down: []string{g.dropIndex(t.Name, ix.Name)}})
	}
	return out
}

// extraColumns looks at the columns the model does not map. They are left
// alone, unless they are NOT NULL without default (inserts through the
// model fail): then they are dropped when the table also misses a column
// (a likely rename), else made NULL-able. A column that may have been
// renamed is named in a warning.
func (g ddl) extraColumns(t orm.TableSpec, lt *LiveTable, missing []string, later *[]Change) []string {
	mapped := map[string]bool{}
	for _, c := range t.Columns {
		mapped[strings.ToLower(c.Name)] = true
	}
	var warnings []string
	for i := range lt.Columns {
		lc := &lt.Columns[i]
		if mapped[strings.ToLower(lc.Name)] {
			continue
		}
		if len(missing) > 0 {
			warnings = append(warnings, fmt.Sprintf("column %q of %q is not in the model and %s is new: if it was renamed, "+
				"write ALTER TABLE %s RENAME COLUMN %s TO %s in a migration by hand instead of the generated add and drop",
				lc.Name, t.Name, quoteList(missing), g.q(t.Name), g.q(lc.Name), g.q(missing[0])))
		}
		if !lc.NotNull || lc.HasDefault {
			continue
		}
		what := fmt.Sprintf("column %q of %q is NOT NULL without default and the model never writes it", lc.Name, t.Name)
		if len(missing) == 0 {
			*later = append(*later, g.dropNotNull(t.Name, lc, what))
			continue
		}
		*later = append(*later, Change{Table: t.Name, Column: lc.Name, Safety: Destructive, What: what + " (dropped)",
			Up:   []string{g.alter(t.Name) + "DROP COLUMN " + g.q(lc.Name)},
			Down: []string{g.alter(t.Name) + "ADD COLUMN " + g.q(lc.Name) + " " + lc.Type}})
	}
	return warnings
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
