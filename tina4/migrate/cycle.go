package migrate

import (
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// cyclicKeys returns, per table of order (missing tables in creation order,
// see createOrder), the foreign keys that reference a table created after
// it: models that reference each other (a user's team, a team's owner). On
// PostgreSQL and MySQL a CREATE TABLE cannot reference a table that does
// not exist yet, so those keys are left out of the CREATE TABLE and added
// by ALTER TABLE once every table exists. SQLite accepts them as they are.
func cyclicKeys(order []orm.TableSpec, d dialect.Dialect) map[string][]orm.ForeignKeySpec {
	if d.Name() == "sqlite" {
		return nil
	}
	pos := make(map[string]int, len(order))
	for i, t := range order {
		pos[strings.ToLower(t.Name)] = i
	}
	var out map[string][]orm.ForeignKeySpec
	for i, t := range order {
		for _, fk := range t.ForeignKeys {
			if j, ok := pos[strings.ToLower(fk.RefTable)]; ok && j > i {
				if out == nil {
					out = map[string][]orm.ForeignKeySpec{}
				}
				out[t.Name] = append(out[t.Name], fk)
			}
		}
	}
	return out
}

// createSQL returns the statements that create table t without the foreign
// keys drop (see cyclicKeys).
func createSQL(t orm.TableSpec, drop []orm.ForeignKeySpec, d dialect.Dialect) []string {
	stmts := t.CreateSQL()
	for _, fk := range drop {
		s := stmts[0]
		start := strings.Index(s, ",\n  FOREIGN KEY ("+d.Quote(fk.Column)+") REFERENCES "+d.Quote(fk.RefTable)+" ")
		if start < 0 {
			continue
		}
		end := len(s)
		for _, sep := range []string{",\n  ", "\n)"} {
			if k := strings.Index(s[start+1:], sep); k >= 0 {
				end = min(end, start+1+k)
			}
		}
		stmts[0] = s[:start] + s[end:]
	}
	return stmts
}

// addCyclicKey is the change that adds, after every table exists, a
// foreign key left out of a CREATE TABLE (see cyclicKeys).
func (g ddl) addCyclicKey(table string, fk orm.ForeignKeySpec) Change {
	return g.addForeignKey(table, fk, true)
}
