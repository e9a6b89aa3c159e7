package migrate

import "context"

// inspectPostgres reads pg_catalog for the tables of current_schema().
func inspectPostgres(ctx context.Context, l *Live) error {
	err := each(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`, nil, 1,
		func(v []string) error { l.add(v[0]); return nil })
	if err != nil {
		return err
	}
	err = each(ctx, `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
			(a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '')::text
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY c.relname, a.attnum`, nil, 5, func(v []string) error {
		t := l.add(v[0])
		t.Columns = append(t.Columns, LiveColumn{Name: v[1], Type: v[2], NotNull: v[3] == "true", HasDefault: v[4] == "true"})
		return nil
	})
	if err != nil {
		return err
	}
	err = each(ctx, `SELECT t.relname, i.relname, ix.indisunique::text, a.attname
		FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, pos)
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE n.nspname = current_schema()
		ORDER BY t.relname, i.relname, k.pos`, nil, 4, func(v []string) error {
		li := l.add(v[0]).indexOf(v[1], v[2] == "true")
		li.Columns = append(li.Columns, v[3])
		return nil
	})
	if err != nil {
		return err
	}
	return each(ctx, `SELECT c.conname, t.relname, a.attname, rt.relname, ra.attname
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		JOIN pg_class rt ON rt.oid = c.confrelid
		CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, refcol)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
		JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol
		WHERE c.contype = 'f' AND n.nspname = current_schema()`, nil, 5, func(v []string) error {
		t := l.add(v[1])
		t.ForeignKeys = append(t.ForeignKeys, LiveForeignKey{Name: v[0], Column: v[2], RefTable: v[3], RefColumn: v[4]})
		return nil
	})
}
