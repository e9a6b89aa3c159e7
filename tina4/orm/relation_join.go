package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// joinPath is one forward foreign key followed from the builder's model:
// every path ("writer", "writer__publisher") gets its own short alias (t1,
// t2, ... in the order they are joined), so paths that share a prefix never
// reuse one, and a deep path never meets an engine's limit on identifier
// length (63 bytes on PostgreSQL, where longer names are cut and collide). Every link is a LEFT JOIN, so a
// parent whose link is NULL or whose related row is missing keeps its row.
type joinPath struct {
	name   string // "writer__publisher"
	alias  string // "t2"
	rel    *Relation
	target *Model
	parent int // index of the parent path, -1 for the builder's model
}

// joinRelations makes sure the forward keys of path are joined and returns
// the index of the last one. Only ForeignKey relations can be followed.
func (b *Builder[T]) joinRelations(path []string) (int, error) {
	cur, parent := b.model, -1
	for i := range path {
		name := strings.Join(path[:i+1], "__")
		if j, ok := b.joinIndex[name]; ok {
			cur, parent = b.joinPaths[j].target, j
			continue
		}
		r := cur.Relation(path[i])
		if r == nil {
			return 0, invalidf("orm: %s has no relation %q", cur.Name, path[i])
		}
		if r.Kind != RelBelongsTo {
			return 0, invalidf("orm: %s.%s is not a foreign key: only forward keys can be followed here", cur.Name, path[i])
		}
		target, err := r.Target()
		if err != nil {
			return 0, err
		}
		if b.joinIndex == nil {
			b.joinIndex = map[string]int{}
		}
		b.joinPaths = append(b.joinPaths, joinPath{name: name, alias: b.nextAlias(), rel: r, target: target, parent: parent})
		parent = len(b.joinPaths) - 1
		b.joinIndex[name] = parent
		cur = target
	}
	return parent, nil
}

// nextAlias returns the alias of the next joined path: "t" and a number,
// skipping the builder's own table name should it be one of those.
func (b *Builder[T]) nextAlias() string {
	for n := len(b.joinPaths) + 1; ; n++ {
		if a := "t" + strconv.Itoa(n); a != b.table && !b.aliasTaken(a) {
			return a
		}
	}
}

func (b *Builder[T]) aliasTaken(a string) bool {
	for _, j := range b.joinPaths {
		if j.alias == a {
			return true
		}
	}
	return false
}

// joinSQL renders the LEFT JOINs of the followed keys.
func (b *Builder[T]) joinSQL(d dialect.Dialect) string {
	var sb strings.Builder
	for _, j := range b.joinPaths {
		from := d.Quote(b.table)
		if j.parent >= 0 {
			from = d.Quote(b.joinPaths[j.parent].alias)
		}
		alias := d.Quote(j.alias)
		sb.WriteString(" LEFT JOIN " + d.Quote(j.target.Table()) + " AS " + alias + " ON " +
			alias + "." + d.Quote(j.target.PK.Column) + " = " + from + "." + d.Quote(j.rel.Key.Column))
		if j.target.SoftDelete != nil {
			sb.WriteString(" AND " + alias + "." + d.Quote(j.target.SoftDelete.Column) + " IS NULL")
		}
	}
	return sb.String()
}

// SelectRelated loads forward foreign keys in the same query with LEFT
// JOINs (SQLiter's select_related): "writer", nested "writer__publisher" (or
// "writer.publisher"), several at once. Reverse relations are an ErrInvalid
// error: use PrefetchRelated for them.
func (b *Builder[T]) SelectRelated(paths ...string) *Builder[T] {
	if b.model == nil {
		b.setErr(invalidf("orm: select related needs a model, not the table %s", b.table))
		return b
	}
	for _, p := range paths {
		path := strings.Split(strings.ReplaceAll(p, ".", "__"), "__")
		last, err := b.joinRelations(path)
		if err != nil {
			b.setErr(err)
			return b
		}
		for j := last; j >= 0; j = b.joinPaths[j].parent {
			b.selected = appendUnique(b.selected, j)
		}
	}
	return b
}

func appendUnique(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// selectedColumns renders the columns of the selected joins.
func (b *Builder[T]) selectedColumns(d dialect.Dialect) string {
	var sb strings.Builder
	for _, j := range b.selected {
		jp := b.joinPaths[j]
		for _, f := range jp.target.Fields {
			sb.WriteString(", " + d.Quote(jp.alias) + "." + d.Quote(f.Column))
		}
	}
	return sb.String()
}

// scanJoined reads rows of the model followed by the columns of the
// selected joins, and attaches each joined row to its foreign key (nil when
// the link is NULL or the row is missing). The joined columns scan through
// reusable fieldDests, which tell a NULL from a value. Every field is
// reached by its offset (see fieldAccess); the joined rows of a path are
// allocated joinSlab at a time, each row its own element (see newSlab).
func (b *Builder[T]) scanJoined(rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	m := b.model
	type joinCols struct {
		path   int
		target *Model
		dests  []*fieldDest // one per field of the target
		pk     *fieldDest   // NULL: no joined row
		fk     *relAccess   // the ForeignKey in the owner (the row, or the parent path's row)
		binds  []bind       // the target's reverse relations
		slab   slab
	}
	fields := append([]*Field(nil), m.Fields...)
	plan := make([]joinCols, 0, len(b.selected))
	direct := reflect.TypeFor[T]() == m.Type
	for _, j := range b.selected {
		jp := b.joinPaths[j]
		target := jp.target
		jc := joinCols{path: j, target: target, dests: make([]*fieldDest, len(target.Fields)), fk: relAccessOf(jp.rel)}
		direct = direct && jc.fk.direct
		var bd bool
		jc.binds, bd = bindsOf(target)
		direct = direct && bd
		for k, f := range target.Fields {
			a := accessOf(target, f)
			direct = direct && a.direct
			jc.dests[k] = &fieldDest{f: f, acc: a}
			if f == target.PK {
				jc.pk = jc.dests[k]
			}
			fields = append(fields, nil)
		}
		plan = append(plan, jc)
	}
	sc := newRowScanner(m, fields)
	if !direct || !sc.direct {
		return nil, fmt.Errorf("orm: %s: a field is not reachable by offset", m.Name) // schema refuses embedded pointers: never
	}
	pos := len(m.Fields)
	for _, jc := range plan {
		for _, fd := range jc.dests {
			sc.dests[pos] = fd
			pos++
		}
	}
	expect := b.limit
	if expect <= 0 || expect > maxCapHint {
		expect = maxCapHint
	}
	for i := range plan {
		plan[i].slab = slab{typ: plan[i].target.Type, chunk: min(expect, joinSlab)}
	}
	joined := make([]unsafe.Pointer, len(b.joinPaths)) // the joined row per path, for the current row
	out := make([]T, 0, max(8, min(b.limit, maxCapHint)))
	for rows.Next() {
		var zero T
		out = append(out, zero)
		base := unsafe.Pointer(&out[len(out)-1])
		for i := range plan {
			jc := &plan[i]
			p := jc.slab.next()
			joined[jc.path] = p
			for _, d := range jc.dests {
				d.p = d.acc.at(p)
			}
		}
		if err := sc.scanAt(rows, base); err != nil {
			return nil, wrap("query", b.table, err)
		}
		for i := range plan {
			jc := &plan[i]
			jp := b.joinPaths[jc.path]
			owner := base
			if jp.parent >= 0 {
				owner = joined[jp.parent]
			}
			ts := jc.fk.addr(jc.fk.at(owner)).(targetSetter)
			if jc.pk.null {
				ts.setTarget(reflect.Value{})
				continue
			}
			bindAt(jc.target, jc.binds, joined[jc.path])
			ts.setTarget(jc.slab.value(joined[jc.path]))
		}
		if len(out) == b.limit { // the LIMIT is reached: no need to ask for the end
			break
		}
	}
	return out, rows.Err()
}

// joinSlab is how many joined rows of one path are allocated at once. A
// joined row read alone keeps its slab alive, so it stays small.
const joinSlab = 32

// slab hands out zeroed structs of typ, allocated chunk at a time: one
// allocation instead of one per row. Every struct is its own element, so
// rows never share a joined row.
type slab struct {
	typ   reflect.Type
	chunk int
	arr   reflect.Value // the current chunk, a []typ
	base  unsafe.Pointer
	n     int // elements of arr handed out
	ptr   func(unsafe.Pointer) any
}

// next returns the address of a fresh zero struct.
func (s *slab) next() unsafe.Pointer {
	if !s.arr.IsValid() || s.n == s.arr.Len() {
		s.arr = reflect.MakeSlice(reflect.SliceOf(s.typ), s.chunk, s.chunk)
		s.base = s.arr.UnsafePointer()
		s.n = 0
		if s.ptr == nil {
			s.ptr = addrFunc(s.typ)
		}
	}
	p := unsafe.Add(s.base, uintptr(s.n)*s.typ.Size())
	s.n++
	return p
}

// value returns the struct at p (from next) as a *typ reflect.Value.
func (s *slab) value(p unsafe.Pointer) reflect.Value { return reflect.ValueOf(s.ptr(p)) }
