package migrate

import (
	"context"
	"strings"
)

// inspectSQLite reads sqlite_master and the pragmas table_info, index_list,
// index_info and foreign_key_list.
func inspectSQLite(ctx context.Context, l *Live) error {
	var names []string
	err := each(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`, nil, 2,
		func(v []string) error { names = append(names, v[0]); l.add(v[0]).SQL = v[1]; return nil })
	if err != nil {
		return err
	}
	err = each(ctx, `SELECT tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`, nil, 2,
		func(v []string) error {
			if t := l.Table(v[0]); t != nil {
				t.Attached = append(t.Attached, v[1])
			}
			return nil
		})
	if err != nil {
		return err
	}
	for _, name := range names {
		t := l.add(name)
		err := each(ctx, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, []any{name}, 5, func(v []string) error {
			typ := strings.ToLower(v[1])
			// An INTEGER PRIMARY KEY is the rowid: SQLite fills it.
			rowid := v[4] == "1" && typ == "integer"
			t.Columns = append(t.Columns, LiveColumn{Name: v[0], Type: typ, NotNull: v[2] == "1" || v[4] != "0",
				HasDefault: v[3] != "" || rowid})
			return nil
		})
		if err != nil {
			return err
		}
		var idx [][2]string
		err = each(ctx, `SELECT name, "unique" FROM pragma_index_list(?)`, []any{name}, 2,
			func(v []string) error { idx = append(idx, [2]string{v[0], v[1]}); return nil })
		if err != nil {
			return err
		}
		for _, ix := range idx {
			li := t.indexOf(ix[0], ix[1] == "1")
			err = each(ctx, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, []any{ix[0]}, 1,
				func(v []string) error { li.Columns = append(li.Columns, v[0]); return nil })
			if err != nil {
				return err
			}
		}
		err = each(ctx, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?)`, []any{name}, 4, func(v []string) error {
			t.ForeignKeys = append(t.ForeignKeys, LiveForeignKey{Name: "fk" + v[0], Column: v[2], RefTable: v[1], RefColumn: v[3]})
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
