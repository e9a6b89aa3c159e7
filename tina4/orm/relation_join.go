package orm

import (
	"database/sql"
	"reflect"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// joinPath is one forward foreign key followed from the builder's model:
// every path ("writer", "writer__publisher") gets its own alias, so paths
// that share a prefix never reuse one. Every link is a LEFT JOIN, so a
// parent whose link is NULL or whose related row is missing keeps its row.
type joinPath struct {
	name   string // "writer__publisher"
	alias  string // "r_writer__publisher"
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
		b.joinPaths = append(b.joinPaths, joinPath{name: name, alias: "r_" + name, rel: r, target: target, parent: parent})
		parent = len(b.joinPaths) - 1
		b.joinIndex[name] = parent
		cur = target
	}
	return parent, nil
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
// the link is NULL or the row is missing).
func (b *Builder[T]) scanJoined(rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	m := b.model
	n := len(m.Fields)
	for _, j := range b.selected {
		n += len(b.joinPaths[j].target.Fields)
	}
	dests := make([]any, n)
	var out []T
	for rows.Next() {
		var zero T
		out = append(out, zero)
		row := reflect.ValueOf(&out[len(out)-1]).Elem()
		for i, f := range m.Fields {
			dests[i] = f.dest(row.FieldByIndex(f.Index))
		}
		joined := make([]reflect.Value, len(b.joinPaths)) // *Target per path
		fixups := make([][]func() bool, len(b.joinPaths))
		pos := len(m.Fields)
		for _, j := range b.selected {
			target := b.joinPaths[j].target
			joined[j] = reflect.New(target.Type)
			for _, f := range target.Fields {
				d, fix := nullableDest(f, joined[j].Elem().FieldByIndex(f.Index))
				dests[pos] = d
				fixups[j] = append(fixups[j], fix)
				pos++
			}
		}
		if err := rows.Scan(dests...); err != nil {
			return nil, wrap("query", b.table, err)
		}
		m.bindRelations(row)
		for _, j := range b.selected {
			jp := b.joinPaths[j]
			present := true
			for k, fix := range fixups[j] {
				if isNull := !fix(); isNull && jp.target.Fields[k] == jp.target.PK {
					present = false
				}
			}
			owner := row
			if jp.parent >= 0 {
				owner = joined[jp.parent].Elem()
			}
			ts := owner.FieldByIndex(jp.rel.index).Addr().Interface().(targetSetter)
			if present {
				jp.target.bindRelations(joined[j].Elem())
				ts.setTarget(joined[j])
			} else {
				ts.setTarget(reflect.Value{})
			}
		}
	}
	return out, rows.Err()
}

// nullableDest returns a scan destination for a column of a LEFT JOIN,
// which may be NULL even where the field cannot be, and a function that
// moves the value into the field and reports whether it was not NULL.
func nullableDest(f *Field, fv reflect.Value) (any, func() bool) {
	if f.codec == codecPlain && fv.Kind() != reflect.Pointer {
		tmp := reflect.New(reflect.PointerTo(f.Type)) // **X: database/sql sets nil for NULL
		return tmp.Interface(), func() bool {
			if tmp.Elem().IsNil() {
				return false
			}
			fv.Set(tmp.Elem().Elem())
			return true
		}
	}
	return f.dest(fv), func() bool { return !fv.IsZero() }
}
