package orm

import (
	"database/sql"
	"reflect"
	"strconv"
	"strings"

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
// reusable fieldDests, which tell a NULL from a value.
func (b *Builder[T]) scanJoined(rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	m := b.model
	type joinCols struct {
		path  int
		dests []*fieldDest // one per field of the target
		pk    *fieldDest   // NULL: no joined row
	}
	fields := append([]*Field(nil), m.Fields...)
	plan := make([]joinCols, 0, len(b.selected))
	for _, j := range b.selected {
		target := b.joinPaths[j].target
		jc := joinCols{path: j, dests: make([]*fieldDest, len(target.Fields))}
		for k, f := range target.Fields {
			jc.dests[k] = &fieldDest{f: f}
			if f == target.PK {
				jc.pk = jc.dests[k]
			}
			fields = append(fields, nil)
		}
		plan = append(plan, jc)
	}
	sc := newRowScanner(m, fields)
	pos := len(m.Fields)
	for _, jc := range plan {
		for _, fd := range jc.dests {
			sc.dests[pos] = fd
			pos++
		}
	}
	joined := make([]reflect.Value, len(b.joinPaths)) // *Target per path, for the current row
	out := make([]T, 0, max(8, min(b.limit, maxCapHint)))
	for rows.Next() {
		var zero T
		out = append(out, zero)
		row := reflect.ValueOf(&out[len(out)-1]).Elem()
		for _, jc := range plan {
			target := b.joinPaths[jc.path].target
			joined[jc.path] = reflect.New(target.Type)
			el := joined[jc.path].Elem()
			for k, f := range target.Fields {
				jc.dests[k].fv = el.FieldByIndex(f.Index)
			}
		}
		if err := sc.scan(rows, row); err != nil {
			return nil, wrap("query", b.table, err)
		}
		for _, jc := range plan {
			jp := b.joinPaths[jc.path]
			owner := row
			if jp.parent >= 0 {
				owner = joined[jp.parent].Elem()
			}
			ts := owner.FieldByIndex(jp.rel.Index).Addr().Interface().(targetSetter)
			if jc.pk.null {
				ts.setTarget(reflect.Value{})
				continue
			}
			bindRelations(jp.target, joined[jc.path].Elem())
			ts.setTarget(joined[jc.path])
		}
		if len(out) == b.limit { // the LIMIT is reached: no need to ask for the end
			break
		}
	}
	return out, rows.Err()
}
