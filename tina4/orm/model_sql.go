package orm

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// modelSQL is the SQL of one model in one dialect, built once.
type modelSQL struct {
	table      string   // quoted table name
	selectList string   // "t"."a", "t"."b", ... in field order
	insert     string   // without the auto-increment key
	insertFs   []*Field // the fields insert binds, in order
	insertPK   string   // with the key, for rows whose key is set
	update     string   // SET every updatable column WHERE key [AND not deleted] [AND version]; see updateSQL
	updateFs   []*Field // the fields update binds before the key
	find       string   // SELECT ... WHERE key = ? [AND not deleted]
	findAny    string   // the same, soft-deleted rows included
	notDeleted string   // "t"."deleted_at" IS NULL, or ""

	counts  sync.Map     // condition -> the COUNT statement of Count[T]
	nCounts atomic.Int32 // entries in counts, bounded by maxCachedCounts
}

// maxCachedCounts bounds the COUNT statements kept per model and dialect,
// so conditions built with inlined values cannot grow the cache forever.
const maxCachedCounts = 256

// countSQL returns the statement Count[T] runs for condition, rendering it
// with render on first use.
func (ms *modelSQL) countSQL(condition string, render func() string) string {
	if q, ok := ms.counts.Load(condition); ok {
		return q.(string)
	}
	q := render()
	if ms.nCounts.Load() < maxCachedCounts {
		if _, loaded := ms.counts.LoadOrStore(condition, q); !loaded {
			ms.nCounts.Add(1)
		}
	}
	return q
}

// sqlFor returns the model's SQL for dialect d, building it on first use.
func sqlFor(m *Model, d dialect.Dialect) *modelSQL {
	if v, ok := extOf(m).sqlCache.Load(d.Name()); ok {
		return v.(*modelSQL)
	}
	ms := buildSQL(m, d)
	v, _ := extOf(m).sqlCache.LoadOrStore(d.Name(), ms)
	return v.(*modelSQL)
}

func buildSQL(m *Model, d dialect.Dialect) *modelSQL {
	ms := &modelSQL{table: d.Quote(m.Table())}
	cols := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		cols[i] = ms.table + "." + d.Quote(f.Column)
	}
	ms.selectList = strings.Join(cols, ", ")
	if m.SoftDelete != nil {
		ms.notDeleted = ms.table + "." + d.Quote(m.SoftDelete.Column) + " IS NULL"
	}

	var names, marks, namesPK, marksPK []string
	n := 0
	for _, f := range m.Fields {
		n++
		namesPK = append(namesPK, d.Quote(f.Column))
		marksPK = append(marksPK, d.Placeholder(n))
	}
	n = 0
	for _, f := range m.Fields {
		if f.PrimaryKey && f.AutoIncrement {
			continue
		}
		n++
		names = append(names, d.Quote(f.Column))
		marks = append(marks, d.Placeholder(n))
		ms.insertFs = append(ms.insertFs, f)
	}
	returning := ""
	if d.Returning() && m.PK.AutoIncrement {
		returning = " RETURNING " + d.Quote(m.PK.Column)
	}
	ms.insert = "INSERT INTO " + ms.table + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")" + returning
	if len(names) == 0 {
		ms.insert = "INSERT INTO " + ms.table + " DEFAULT VALUES" + returning
	}
	ms.insertPK = "INSERT INTO " + ms.table + " (" + strings.Join(namesPK, ", ") + ") VALUES (" + strings.Join(marksPK, ", ") + ")"

	ms.update, ms.updateFs = updateSQL(m, d, ms.table, ms.notDeleted != "", nil, true)

	ms.findAny = "SELECT " + ms.selectList + " FROM " + ms.table + " WHERE " + ms.table + "." + d.Quote(m.PK.Column) + " = " + d.Placeholder(1)
	ms.find = ms.findAny
	if ms.notDeleted != "" {
		ms.find += " AND " + ms.notDeleted
	}
	return ms
}
