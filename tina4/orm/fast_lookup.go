package orm

import (
	"sync/atomic"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Two lookups every single-row call makes, kept off their maps' hashing:
// the model's SQL for the dialect in use (sqlOf), and the prepared
// statement of a model's fixed statement (stmtCache.fast).

// dialectSQL is a model's SQL for the dialect named name.
type dialectSQL struct {
	name string
	ms   *modelSQL
}

// sqlOf is sqlFor through a one-entry memory per model of the last
// dialect asked for (an app uses one), so the common call compares a
// dialect name instead of hashing it into the per-model map.
func sqlOf(m *Model, d dialect.Dialect) *modelSQL {
	l := layoutOf(m)
	name := d.Name()
	if c := l.sql.Load(); c != nil && c.name == name {
		return c.ms
	}
	ms := sqlFor(m, d)
	l.sql.Store(&dialectSQL{name: name, ms: ms})
	return ms
}

// fastSlots is the size of a stmtCache's table of recent statements.
const fastSlots = 64

// fastStmt is a statement of a stmtCache's table of recent statements,
// found by the address and length of its text: the ORM's fixed statements
// are kept strings (see modelSQL), passed as the same string on every call.
// The entry holds the text, so its memory is never reused for another
// string while the entry exists: the same address and length is the same
// text.
type fastStmt struct {
	text *byte
	n    int
	cs   *cachedStmt
}

// fastTable is the recent statements of a stmtCache, direct-mapped by the
// address of their text.
type fastTable [fastSlots]atomic.Pointer[fastStmt]

func (t *fastTable) slot(query string) *atomic.Pointer[fastStmt] {
	a := uintptr(unsafe.Pointer(unsafe.StringData(query)))
	return &t[(a>>4^a>>10)%fastSlots]
}

// lookup returns the statement for query when the table has it and it is
// still cached, counting a use (as stmtCache.lookup does), else nil.
func (t *fastTable) lookup(query string) *cachedStmt {
	if len(query) == 0 {
		return nil
	}
	e := t.slot(query).Load()
	if e == nil || e.text != unsafe.StringData(query) || e.n != len(query) {
		return nil
	}
	cs := e.cs
	cs.refs.Add(1)
	if !cs.evicted.Load() {
		return cs
	}
	cs.release() // evicted meanwhile
	return nil
}

// remember puts cs, the cached statement for query, in the table.
func (t *fastTable) remember(query string, cs *cachedStmt) {
	if len(query) == 0 {
		return
	}
	slot := t.slot(query)
	if e := slot.Load(); e != nil && e.cs == cs {
		return // there already, maybe under another copy of the text: no new entry per call
	}
	slot.Store(&fastStmt{text: unsafe.StringData(query), n: len(query), cs: cs})
}
