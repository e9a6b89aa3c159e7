package orm

import (
	"context"
	"reflect"
	"sort"
	"strings"
)

// inChunk is the most keys bound in one IN list: far below SQLite's (32766)
// and PostgreSQL's (65535) limits on bound parameters.
const inChunk = 500

// includeTree is a set of relation paths: "posts.comments" and "author"
// become {posts: {comments: {}}, author: {}}.
type includeTree map[string]includeTree

func (t includeTree) merge(o includeTree) {
	for name, sub := range o {
		if t[name] == nil {
			t[name] = includeTree{}
		}
		t[name].merge(sub)
	}
}

// loadSlice eager-loads the tree for every element of rows, a []T of model m.
func (t includeTree) loadSlice(ctx context.Context, s session, m *Model, rows any) error {
	if len(t) == 0 {
		return nil
	}
	rv := reflect.ValueOf(rows)
	vals := make([]reflect.Value, rv.Len())
	for i := range vals {
		vals[i] = rv.Index(i)
	}
	return t.load(ctx, s, m, vals)
}

// includePaths checks and eager-loads paths for rows, a []T of model m.
func includePaths(ctx context.Context, s session, m *Model, paths []string, rows any) error {
	if len(paths) == 0 {
		return nil
	}
	tree := parseIncludes(paths)
	if err := tree.check(m, false); err != nil {
		return err
	}
	return tree.loadSlice(ctx, s, m, rows)
}

// parseIncludes splits paths on "." or "__" into a tree.
func parseIncludes(paths []string) includeTree {
	tree := includeTree{}
	for _, p := range paths {
		node := tree
		for _, name := range strings.Split(strings.ReplaceAll(p, "__", "."), ".") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if node[name] == nil {
				node[name] = includeTree{}
			}
			node = node[name]
		}
	}
	return tree
}

// check validates every name of the tree against model m. With reverseOnly
// (PrefetchRelated), a forward ForeignKey on the path is an error.
func (t includeTree) check(m *Model, reverseOnly bool) error {
	for name, sub := range t {
		r := m.Relation(name)
		if r == nil {
			return invalidf("orm: %s has no relation %q", m.Name, name)
		}
		if reverseOnly && r.Kind == RelBelongsTo {
			return invalidf("orm: prefetch %q: %s.%s is a forward key; use SelectRelated or Include for it", name, m.Name, name)
		}
		target, err := r.Target()
		if err != nil {
			return err
		}
		if err := sub.check(target, reverseOnly); err != nil {
			return err
		}
	}
	return nil
}

// load eager-loads the tree for rows (addressable structs of model m): one
// query per relation and level (more only past inChunk keys).
func (t includeTree) load(ctx context.Context, s session, m *Model, rows []reflect.Value) error {
	if len(rows) == 0 {
		return nil
	}
	names := make([]string, 0, len(t))
	for name := range t {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		r := m.Relation(name)
		target, err := r.Target()
		if err != nil {
			return err
		}
		var children []reflect.Value
		if r.Kind == RelBelongsTo {
			children, err = loadForward(ctx, s, r, target, rows)
		} else {
			children, err = loadReverse(ctx, s, r, target, rows)
		}
		if err != nil {
			return err
		}
		if len(t[name]) > 0 {
			if err := t[name].load(ctx, s, target, children); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadForward loads the targets of a ForeignKey for every row and returns
// them (each distinct target once) for the next level.
func loadForward(ctx context.Context, s session, r *Relation, target *Model, rows []reflect.Value) ([]reflect.Value, error) {
	setters := make([]targetSetter, len(rows))
	var keys []any
	seen := map[int64]bool{}
	for i, row := range rows {
		setters[i] = row.FieldByIndex(r.index).Addr().Interface().(targetSetter)
		if id := *setters[i].keyPtr(); id != 0 && !seen[id] {
			seen[id] = true
			keys = append(keys, id)
		}
	}
	fetched, err := fetchIn(ctx, s, target, target.PK, keys)
	if err != nil {
		return nil, err
	}
	byKey := make(map[any]reflect.Value, fetched.Len())
	children := make([]reflect.Value, fetched.Len())
	for i := range children {
		children[i] = fetched.Index(i)
		byKey[keyOf(children[i].FieldByIndex(target.PK.Index))] = children[i].Addr()
	}
	for _, ts := range setters {
		ts.setTarget(byKey[*ts.keyPtr()]) // the zero Value (a missing row) sets nil
	}
	return children, nil
}

// loadReverse loads the rows of a HasMany or HasOne for every row, grouped by
// owner, and returns them for the next level.
func loadReverse(ctx context.Context, s session, r *Relation, target *Model, rows []reflect.Value) ([]reflect.Value, error) {
	var keys []any
	seen := map[any]bool{}
	owners := make([]any, len(rows))
	for i, row := range rows {
		owners[i] = keyOf(row.FieldByIndex(r.Owner.PK.Index))
		if !seen[owners[i]] {
			seen[owners[i]] = true
			keys = append(keys, owners[i])
		}
	}
	var (
		fetched reflect.Value
		ownerOf []any // the owner key of each fetched row
		err     error
	)
	if r.Kind == RelManyToMany {
		fetched, ownerOf, err = fetchLinked(ctx, s, r, target, keys)
	} else {
		fetched, err = fetchIn(ctx, s, target, r.fk, keys)
		for i := 0; err == nil && i < fetched.Len(); i++ {
			ownerOf = append(ownerOf, keyOf(fetched.Index(i).FieldByIndex(r.fk.Index)))
		}
	}
	if err != nil {
		return nil, err
	}
	groups := map[any][]int{}
	for i, k := range ownerOf {
		groups[k] = append(groups[k], i)
	}
	sliceType := reflect.SliceOf(target.Type)
	var children []reflect.Value
	for i, row := range rows {
		idx := groups[owners[i]]
		items := reflect.MakeSlice(sliceType, len(idx), len(idx))
		for j, k := range idx {
			items.Index(j).Set(fetched.Index(k))
			children = append(children, items.Index(j))
		}
		row.FieldByIndex(r.index).Addr().Interface().(itemsSetter).setItems(items)
	}
	return children, nil
}

// fetchIn reads the rows of m whose column col is one of keys, leaving out
// soft-deleted rows, in primary-key order, chunking the IN list.
func fetchIn(ctx context.Context, s session, m *Model, col *Field, keys []any) (reflect.Value, error) {
	out := reflect.MakeSlice(reflect.SliceOf(m.Type), 0, len(keys))
	d := s.db.dialect
	ms := m.sqlFor(d)
	for start := 0; start < len(keys); start += inChunk {
		chunk := keys[start:min(start+inChunk, len(keys))]
		var q strings.Builder
		q.WriteString("SELECT " + ms.selectList + " FROM " + ms.table + " WHERE " + ms.table + "." + d.Quote(col.Column) + " IN (")
		for i := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(d.Placeholder(i + 1))
		}
		q.WriteString(")")
		if ms.notDeleted != "" {
			q.WriteString(" AND " + ms.notDeleted)
		}
		q.WriteString(" ORDER BY " + ms.table + "." + d.Quote(m.PK.Column))
		rows, err := s.query(ctx, q.String(), chunk...)
		if err != nil {
			return reflect.Value{}, wrap("include", m.Table(), err)
		}
		part, err := scanModel(m, rows)
		if err != nil {
			return reflect.Value{}, wrap("include", m.Table(), err)
		}
		out = reflect.AppendSlice(out, part)
	}
	return out, nil
}

// fetchLinked reads the rows of target linked to the owner keys through the
// junction of r, with the owner key of each row (a row linked to several
// owners comes once per owner).
func fetchLinked(ctx context.Context, s session, r *Relation, target *Model, keys []any) (reflect.Value, []any, error) {
	out := reflect.MakeSlice(reflect.SliceOf(target.Type), 0, len(keys))
	var owners []any
	d := s.db.dialect
	ms := target.sqlFor(d)
	j := r.junction
	jt := d.Quote(j.table)
	for start := 0; start < len(keys); start += inChunk {
		chunk := keys[start:min(start+inChunk, len(keys))]
		q := "SELECT " + jt + "." + d.Quote(j.own) + ", " + ms.selectList + " FROM " + ms.table +
			" INNER JOIN " + jt + " ON " + jt + "." + d.Quote(j.other) + " = " + ms.table + "." + d.Quote(target.PK.Column) +
			" WHERE " + jt + "." + d.Quote(j.own) + " IN (?" + strings.Repeat(", ?", len(chunk)-1) + ")"
		if ms.notDeleted != "" {
			q += " AND " + ms.notDeleted
		}
		q += " ORDER BY " + ms.table + "." + d.Quote(target.PK.Column)
		rows, err := s.query(ctx, d.Rebind(q), chunk...)
		if err != nil {
			return reflect.Value{}, nil, wrap("include", j.table, err)
		}
		dests := make([]any, len(target.Fields)+1)
		var owner int64
		for rows.Next() {
			out = reflect.Append(out, reflect.Zero(target.Type))
			dests[0] = &owner
			row := out.Index(out.Len() - 1)
			for i, f := range target.Fields {
				dests[i+1] = f.dest(row.FieldByIndex(f.Index))
			}
			if err := rows.Scan(dests...); err != nil {
				rows.Close()
				return reflect.Value{}, nil, wrap("include", j.table, err)
			}
			target.bindRelations(row)
			owners = append(owners, owner)
		}
		if err := rows.Close(); err != nil {
			return reflect.Value{}, nil, wrap("include", j.table, err)
		}
		if err := rows.Err(); err != nil {
			return reflect.Value{}, nil, wrap("include", j.table, err)
		}
	}
	return out, owners, nil
}

// keyOf normalises a key value so that keys read from different columns
// compare equal: every integer becomes int64.
func keyOf(v reflect.Value) any {
	if ts, ok := v.Addr().Interface().(targetSetter); ok {
		return *ts.keyPtr()
	}
	x := plainValue(v)
	switch n := x.(type) {
	case int:
		return int64(n)
	case int8:
		return int64(n)
	case int16:
		return int64(n)
	case int32:
		return int64(n)
	case uint:
		return int64(n)
	case uint8:
		return int64(n)
	case uint16:
		return int64(n)
	case uint32:
		return int64(n)
	case uint64:
		return int64(n)
	}
	return x
}
