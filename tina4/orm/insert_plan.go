package orm

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// An insertPlan is the column set of an INSERT of one or more rows that
// share it: the fields bound, and the fields read back from the database
// afterwards.
//
// Database defaults: a nullable field holding NULL (a nil pointer, an
// invalid sql.Null*, an unset NullForeignKey) that has no default tag is
// left out of the INSERT, so a DEFAULT the table declares (one made by a
// migration, say) applies instead of NULL, and the stored value is read
// back into the struct: with RETURNING on PostgreSQL and SQLite, with a
// SELECT by key on MySQL/MariaDB.
type insertPlan struct {
	fields  []*Field // bound, in order
	omitted []*Field // left out for the database default, read back
	autoKey bool     // the database generates the key, which is read back
}

// planInsert returns the plan for row rv; withPK says the key is bound.
func planInsert(m *Model, rv reflect.Value, d dialect.Dialect, withPK bool) insertPlan {
	p := insertPlan{autoKey: !withPK && m.PK.AutoIncrement}
	for _, f := range m.Fields {
		switch {
		case f.PrimaryKey && p.autoKey:
		case !f.PrimaryKey && f.Nullable && !f.HasDefault && f.Bind(rv.FieldByIndex(f.Index), d) == nil:
			p.omitted = append(p.omitted, f)
		default:
			p.fields = append(p.fields, f)
		}
	}
	return p
}

// key identifies plans with the same columns.
func (p insertPlan) key() string {
	var sb strings.Builder
	fmt.Fprint(&sb, p.autoKey)
	for _, f := range p.omitted {
		sb.WriteString("," + f.Column)
	}
	return sb.String()
}

// back returns the columns read back: the generated key, then the omitted ones.
func (p insertPlan) back(m *Model) []*Field {
	var out []*Field
	if p.autoKey || len(p.omitted) > 0 {
		out = append(out, m.PK)
	}
	return append(out, p.omitted...)
}

// sql renders the INSERT of n rows, with ? placeholders.
func (p insertPlan) sql(m *Model, d dialect.Dialect, n int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + d.Quote(m.Table()))
	switch {
	case len(p.fields) == 0 && d.Name() == "mysql":
		sb.WriteString(" () VALUES ()")
		for i := 1; i < n; i++ {
			sb.WriteString(", ()")
		}
	case len(p.fields) == 0 && n == 1:
		sb.WriteString(" DEFAULT VALUES")
	case len(p.fields) == 0: // several rows of nothing but the generated key
		sb.WriteString(" (" + d.Quote(m.PK.Column) + ") VALUES ")
		v := "(DEFAULT)"
		if d.Name() == "sqlite" {
			v = "(NULL)"
		}
		sb.WriteString(strings.TrimSuffix(strings.Repeat(v+", ", n), ", "))
	default:
		cols := make([]string, len(p.fields))
		for i, f := range p.fields {
			cols[i] = d.Quote(f.Column)
		}
		sb.WriteString(" (" + strings.Join(cols, ", ") + ") VALUES ")
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(p.fields)), ", ") + ")"
		for i := 0; i < n; i++ {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(row)
		}
	}
	if back := p.back(m); canReturn(d) && len(back) > 0 {
		cols := make([]string, len(back))
		for i, f := range back {
			cols[i] = d.Quote(f.Column)
		}
		sb.WriteString(" RETURNING " + strings.Join(cols, ", "))
	}
	return sb.String()
}

// insertRows runs the INSERT of rows (all sharing plan p) as one statement
// and fills in the generated keys and the values read back. On MySQL a
// generated key is LAST_INSERT_ID() for the first row and the next ones
// follow by auto_increment_increment: the caller makes sure the server hands
// them out consecutively (see consecutiveIDs) or passes one row.
func insertRows(ctx context.Context, s session, m *Model, rows []reflect.Value, p insertPlan) error {
	d := s.db.dialect
	q := d.Rebind(p.sql(m, d, len(rows)))
	args := make([]any, 0, len(rows)*len(p.fields))
	for _, rv := range rows {
		for _, f := range p.fields {
			args = append(args, f.Bind(rv.FieldByIndex(f.Index), d))
		}
	}
	back := p.back(m)
	if canReturn(d) && len(back) > 0 {
		if err := insertReturning(ctx, s, m, rows, p, q, args); err != nil {
			return err
		}
	} else {
		res, err := s.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if p.autoKey {
			first, err := res.LastInsertId()
			if err != nil {
				return err
			}
			step := int64(1)
			if len(rows) > 1 {
				if step, err = autoIncrementStep(ctx, s); err != nil {
					return err
				}
			}
			for i, rv := range rows {
				setInt(rv.FieldByIndex(m.PK.Index), first+int64(i)*step)
			}
		}
		if len(p.omitted) > 0 {
			if err := readBack(ctx, s, m, rows, back); err != nil {
				return err
			}
		}
	}
	if !p.autoKey && m.PK.AutoIncrement {
		if err := syncSequence(ctx, s, m, rows); err != nil {
			return err
		}
	}
	for _, rv := range rows {
		bindRelations(m, rv)
	}
	return nil
}

// insertReturning runs an INSERT ... RETURNING and copies the returned
// columns into rows: by ascending generated key (a statement hands out its
// keys in VALUES order), or by the bound key.
func insertReturning(ctx context.Context, s session, m *Model, rows []reflect.Value, p insertPlan, q string, args []any) error {
	back := p.back(m)
	res, err := s.queryWriter(ctx, q, args...)
	if err != nil {
		return err
	}
	if p.autoKey && len(back) == 1 { // only the keys: no struct per row
		return scanKeys(m, res, rows)
	}
	got, err := scanBack(m, res, back, len(rows))
	if err != nil {
		return err
	}
	if len(got) != len(rows) {
		return fmt.Errorf("insert returned %d rows for %d", len(got), len(rows))
	}
	if p.autoKey {
		sort.Slice(got, func(i, j int) bool { return keyLess(got[i].FieldByIndex(m.PK.Index), got[j].FieldByIndex(m.PK.Index)) })
		for i, rv := range rows {
			copyFields(rv, got[i], back)
		}
		return nil
	}
	return matchByKey(m, rows, got, back)
}

// readBack selects the columns back of rows (whose keys are known) and
// copies them in: the database defaults MySQL cannot return.
func readBack(ctx context.Context, s session, m *Model, rows []reflect.Value, back []*Field) error {
	d := s.db.dialect
	cols := make([]string, len(back))
	for i, f := range back {
		cols[i] = d.Quote(f.Column)
	}
	keys := make([]any, len(rows))
	for i, rv := range rows {
		keys[i] = m.PK.Bind(rv.FieldByIndex(m.PK.Index), d)
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM " + d.Quote(m.Table()) + " WHERE " + d.Quote(m.PK.Column) +
		" IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ") + ")"
	res, err := s.queryWith(ctx, s.writer, nil, d.Rebind(q), keys)
	if err != nil {
		return err
	}
	got, err := scanBack(m, res, back, len(rows))
	if err != nil {
		return err
	}
	return matchByKey(m, rows, got, back)
}

// scanBack scans rows of the back columns into fresh structs of m.
func scanBack(m *Model, res interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}, back []*Field, n int) ([]reflect.Value, error) {
	defer res.Close()
	out := make([]reflect.Value, 0, n)
	dests := make([]any, len(back))
	fds := make([]fieldDest, len(back))
	for res.Next() {
		tmp := reflect.New(m.Type).Elem()
		for i, f := range back {
			fds[i] = fieldDest{f: f, fv: tmp.FieldByIndex(f.Index)}
			dests[i] = &fds[i]
		}
		if err := res.Scan(dests...); err != nil {
			return nil, err
		}
		out = append(out, tmp)
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return out, res.Close()
}

// matchByKey copies the back columns of got into the rows with the same key.
func matchByKey(m *Model, rows, got []reflect.Value, back []*Field) error {
	byKey := make(map[string]reflect.Value, len(got))
	for _, g := range got {
		byKey[fmt.Sprint(g.FieldByIndex(m.PK.Index).Interface())] = g
	}
	for _, rv := range rows {
		g, ok := byKey[fmt.Sprint(rv.FieldByIndex(m.PK.Index).Interface())]
		if !ok {
			return fmt.Errorf("the inserted row %v was not read back", rv.FieldByIndex(m.PK.Index).Interface())
		}
		copyFields(rv, g, back)
	}
	return nil
}

func copyFields(dst, src reflect.Value, fields []*Field) {
	for _, f := range fields {
		dst.FieldByIndex(f.Index).Set(src.FieldByIndex(f.Index))
	}
}

func keyLess(a, b reflect.Value) bool {
	if a.CanInt() {
		return a.Int() < b.Int()
	}
	return a.Uint() < b.Uint()
}

// syncSequence moves the key generator past the largest explicit key.
func syncSequence(ctx context.Context, s session, m *Model, rows []reflect.Value) error {
	d := s.db.dialect
	syncer, ok := d.(dialect.SequenceSyncer)
	if !ok || !d.Features().Has(feature.SequenceSync) {
		return nil
	}
	sync := syncer.SyncSequence(m.Table(), m.PK.Column)
	top := rows[0].FieldByIndex(m.PK.Index)
	for _, rv := range rows[1:] {
		if k := rv.FieldByIndex(m.PK.Index); keyLess(top, k) {
			top = k
		}
	}
	_, err := s.execDirect(ctx, d.Rebind(sync), m.PK.Bind(top, d))
	return err
}

// mysqlAutoInc is what a MySQL server says about its AUTO_INCREMENT keys.
type mysqlAutoInc struct {
	consecutive bool  // innodb_autoinc_lock_mode 0 or 1: a multi-row INSERT gets consecutive keys
	step        int64 // auto_increment_increment
}

// mysqlAutoIncOf asks the server once per DB how it hands out keys.
func mysqlAutoIncOf(ctx context.Context, s session) (mysqlAutoInc, error) {
	if v, ok := s.db.autoInc.Load().(mysqlAutoInc); ok {
		return v, nil
	}
	rows, err := s.queryWith(ctx, s.writer, nil, "SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment", nil)
	if err != nil {
		return mysqlAutoInc{}, err
	}
	defer rows.Close()
	var mode, step int64
	if rows.Next() {
		if err := rows.Scan(&mode, &step); err != nil {
			return mysqlAutoInc{}, err
		}
	}
	if err := rows.Err(); err != nil {
		return mysqlAutoInc{}, err
	}
	ai := mysqlAutoInc{consecutive: mode != 2, step: max(step, 1)}
	s.db.autoInc.Store(ai)
	return ai, nil
}

func autoIncrementStep(ctx context.Context, s session) (int64, error) {
	ai, err := mysqlAutoIncOf(ctx, s)
	return ai.step, err
}

// leavesDefaults reports whether inserting rv leaves a column to its
// database default (see insertPlan), or binds no column at all; the
// common insert, which binds every column, then runs the model's cached
// statement instead of a planned one.
func leavesDefaults(m *Model, rv reflect.Value, d dialect.Dialect, withPK bool) bool {
	if len(m.Fields) == 1 && !withPK && m.PK.AutoIncrement {
		return true
	}
	for _, f := range m.Fields {
		if !f.PrimaryKey && f.Nullable && !f.HasDefault && f.Bind(rv.FieldByIndex(f.Index), d) == nil {
			return true
		}
	}
	return false
}

// canReturn reports whether an INSERT of several rows can return their
// columns (feature.MultiRowReturning): PostgreSQL, and SQLite since 3.35
// (whose dialect otherwise reads single keys with LastInsertId); not
// MySQL/MariaDB.
func canReturn(d dialect.Dialect) bool { return d.Features().Has(feature.MultiRowReturning) }

// scanKeys reads the generated keys an INSERT ... RETURNING gave and sets
// them on rows in ascending order (a statement hands out its keys in VALUES
// order).
func scanKeys(m *Model, res *sql.Rows, rows []reflect.Value) error {
	defer res.Close()
	keys := make([]int64, 0, len(rows))
	for res.Next() {
		var k int64
		if err := res.Scan(&k); err != nil {
			return err
		}
		keys = append(keys, k)
	}
	if err := res.Err(); err != nil {
		return err
	}
	if len(keys) != len(rows) {
		return fmt.Errorf("insert returned %d keys for %d rows", len(keys), len(rows))
	}
	slices.Sort(keys)
	for i, rv := range rows {
		setInt(rv.FieldByIndex(m.PK.Index), keys[i])
	}
	return res.Close()
}
