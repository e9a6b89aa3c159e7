package migrate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Table is the tracking table: one row per applied migration.
const Table = "tina4_migration"

// Record is a row of the tracking table.
type Record struct {
	ID          int64
	MigrationID string // the migration's ID: its file name without .sql
	Description string
	Batch       int // the run that applied it; a rollback undoes the last batch
	ExecutedAt  time.Time
	Passed      bool
}

// trackingColumns are the tracking table's columns, in the dialects' terms.
var trackingColumns = []dialect.Column{
	{Name: "id", Kind: dialect.Int, PrimaryKey: true, AutoIncrement: true, NotNull: true},
	{Name: "migration_id", Kind: dialect.String, Size: 200, NotNull: true, Unique: true},
	{Name: "description", Kind: dialect.String, Size: 255, NotNull: true},
	{Name: "batch", Kind: dialect.Int, NotNull: true},
	{Name: "executed_at", Kind: dialect.Time, NotNull: true},
	{Name: "passed", Kind: dialect.Bool, NotNull: true},
}

// ensureTable creates the tracking table when it does not exist.
func ensureTable(ctx context.Context, d dialect.Dialect) error {
	defs := make([]string, len(trackingColumns))
	for i, c := range trackingColumns {
		defs[i] = d.ColumnDef(c)
	}
	ddl := "CREATE TABLE IF NOT EXISTS " + d.Quote(Table) + " (" + strings.Join(defs, ", ") + ")" + d.CreateTableSuffix()
	if _, err := orm.ExecRaw(ctx, ddl); err != nil {
		return fmt.Errorf("migrate: create %s: %w", Table, err)
	}
	return nil
}

// records reads the tracking table in the order the migrations ran.
func records(ctx context.Context, d dialect.Dialect) ([]Record, error) {
	q := fmt.Sprintf("SELECT %s, %s, %s, %s, %s, %s FROM %s ORDER BY %s",
		d.Quote("id"), d.Quote("migration_id"), d.Quote("description"), d.Quote("batch"),
		d.Quote("executed_at"), d.Quote("passed"), d.Quote(Table), d.Quote("id"))
	rows, err := orm.QueryRows(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("migrate: read %s: %w", Table, err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var (
			r  Record
			at any
		)
		if err := rows.Scan(&r.ID, &r.MigrationID, &r.Description, &r.Batch, &at, &r.Passed); err != nil {
			return nil, fmt.Errorf("migrate: read %s: %w", Table, err)
		}
		if r.ExecutedAt, err = timeOf(at); err != nil {
			return nil, fmt.Errorf("migrate: read %s: %s: %w", Table, r.MigrationID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: read %s: %w", Table, err)
	}
	return out, nil
}

// timeOf reads a timestamp as each driver returns it.
func timeOf(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t.UTC(), nil
	case string:
		return dialect.ParseTime(t)
	case []byte:
		return dialect.ParseTime(string(t))
	}
	return time.Time{}, fmt.Errorf("executed_at: unexpected %T", v)
}

// isRecorded reports whether a migration is in the tracking table, and the
// highest batch number there.
func isRecorded(ctx context.Context, d dialect.Dialect, id string) (recorded bool, lastBatch int, err error) {
	q := fmt.Sprintf("SELECT COALESCE(MAX(%s), 0), COALESCE(SUM(CASE WHEN %s = ? THEN 1 ELSE 0 END), 0) FROM %s",
		d.Quote("batch"), d.Quote("migration_id"), d.Quote(Table))
	rows, err := orm.QueryRows(ctx, q, id)
	if err != nil {
		return false, 0, fmt.Errorf("migrate: read %s: %w", Table, err)
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&lastBatch, &n); err != nil {
			return false, 0, fmt.Errorf("migrate: read %s: %w", Table, err)
		}
	}
	return n > 0, lastBatch, rows.Err()
}

// record adds an applied migration to the tracking table.
func record(ctx context.Context, d dialect.Dialect, m Migration, batch int, at time.Time) error {
	q := fmt.Sprintf("INSERT INTO %s (%s, %s, %s, %s, %s) VALUES (?, ?, ?, ?, ?)", d.Quote(Table),
		d.Quote("migration_id"), d.Quote("description"), d.Quote("batch"), d.Quote("executed_at"), d.Quote("passed"))
	if _, err := orm.Exec(ctx, q, m.ID, m.Description, batch, d.BindTime(at), true); err != nil {
		return fmt.Errorf("record in %s: %w", Table, err)
	}
	return nil
}

// forget removes a rolled-back migration from the tracking table.
func forget(ctx context.Context, d dialect.Dialect, id string) error {
	q := fmt.Sprintf("DELETE FROM %s WHERE %s = ?", d.Quote(Table), d.Quote("migration_id"))
	if _, err := orm.Exec(ctx, q, id); err != nil {
		return fmt.Errorf("remove from %s: %w", Table, err)
	}
	return nil
}
