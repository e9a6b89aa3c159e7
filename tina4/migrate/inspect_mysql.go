package migrate

import (
	"context"
	"strings"
)

// inspectMySQL reads information_schema for the tables of DATABASE().
func inspectMySQL(ctx context.Context, l *Live) error {
	err := each(ctx, `SELECT TABLE_NAME FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`, nil, 1,
		func(v []string) error { l.add(v[0]); return nil })
	if err != nil {
		return err
	}
	// COLUMN_DEFAULT is SQL NULL for a column without default (MariaDB
	// writes the text NULL for a NULL-able column's implicit default).
	err = each(ctx, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,
			CASE WHEN COLUMN_DEFAULT IS NULL THEN '' ELSE 'd' END, EXTRA
		FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
		ORDER BY TABLE_NAME, ORDINAL_POSITION`, nil, 6, func(v []string) error {
		t := l.add(v[0])
		extra := strings.ToLower(v[5])
		t.Columns = append(t.Columns, LiveColumn{Name: v[1], Type: strings.ToLower(v[2]), NotNull: v[3] == "NO",
			HasDefault: v[4] != "" || strings.Contains(extra, "auto_increment") || strings.Contains(extra, "generated")})
		return nil
	})
	if err != nil {
		return err
	}
	err = each(ctx, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
		WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, nil, 4, func(v []string) error {
		li := l.add(v[0]).indexOf(v[1], v[2] == "0")
		li.Columns = append(li.Columns, v[3])
		return nil
	})
	if err != nil {
		return err
	}
	return each(ctx, `SELECT CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
		FROM information_schema.KEY_COLUMN_USAGE
		WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`, nil, 5, func(v []string) error {
		t := l.add(v[1])
		t.ForeignKeys = append(t.ForeignKeys, LiveForeignKey{Name: v[0], Column: v[2], RefTable: v[3], RefColumn: v[4]})
		return nil
	})
}
