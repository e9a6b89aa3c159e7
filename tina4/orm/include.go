package orm

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
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

// loadSlice eager-loads the tree for every element of rows, a []T of model
// m, within the limits l.
func (t includeTree) loadSlice(ctx context.Context, s session, m *Model, rows any, l IncludeLimits) error {
	if len(t) == 0 {
		return nil
	}
	if err := t.checkLimits(m, l); err != nil {
		return err
	}
	rv := reflect.ValueOf(rows)
	vals := make([]reflect.Value, rv.Len())
	for i := range vals {
		vals[i] = rv.Index(i)
	}
	ld := &loader{ctx: ctx, s: s, budget: newRowBudget(l)}
	return ld.load(t, m, vals, nil)
}

// includePaths checks and eager-loads paths for rows, a []T of model m.
func includePaths(ctx context.Context, s session, m *Model, paths []string, rows any, l IncludeLimits) error {
	if len(paths) == 0 {
		return nil
	}
	tree := parseIncludes(paths)
	if err := tree.check(m, false); err != nil {
		return err
	}
	return tree.loadSlice(ctx, s, m, rows, l)
}

// checkIncludes parses paths of model m into a tree and checks it: names,
// depth and returns to a model on the path. No paths give a nil tree.
func checkIncludes(m *Model, paths []string, l IncludeLimits) (includeTree, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	tree := parseIncludes(paths)
	if err := tree.check(m, false); err != nil {
		return nil, err
	}
	if err := tree.checkLimits(m, l); err != nil {
		return nil, err
	}
	return tree, nil
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
	for _, name := range t.names() {
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
		if err := t[name].check(target, reverseOnly); err != nil {
			return err
		}
	}
	return nil
}

// loader eager-loads one include tree, counting the rows it embeds.
type loader struct {
	ctx    context.Context
	s      session
	budget *rowBudget
}

// load eager-loads the tree for rows (addressable structs of model m): one
// query per relation and level (more only past inChunk keys). weights holds
// how many times each row is embedded in the result (nil: once each), so
// that the budget counts what the answer will hold.
func (ld *loader) load(t includeTree, m *Model, rows []reflect.Value, weights []int) error {
	if len(rows) == 0 {
		return nil
	}
	if weights == nil {
		weights = make([]int, len(rows))
		for i := range weights {
			weights[i] = 1
		}
	}
	for _, name := range t.names() {
		r := m.Relation(name)
		target, err := r.Target()
		if err != nil {
			return err
		}
		nested := len(t[name]) > 0
		var (
			children []reflect.Value
			cw       []int
		)
		if r.Kind == RelBelongsTo {
			children, cw, err = ld.loadForward(r, target, rows, weights, nested)
		} else {
			children, cw, err = ld.loadReverse(r, target, rows, weights, nested)
		}
		if err != nil {
			return err
		}
		if nested {
			if err := ld.load(t[name], target, children, cw); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadForward loads the targets of a ForeignKey for every row. With nested,
// it returns them (each distinct target once) for the next level, with the
// number of rows that embed each.
func (ld *loader) loadForward(r *Relation, target *Model, rows []reflect.Value, weights []int, nested bool) ([]reflect.Value, []int, error) {
	setters := make([]targetSetter, len(rows))
	keys := make([]any, 0, len(rows))
	uses := make(map[relKey]int, len(rows)) // key -> how many times its row is embedded
	for i, row := range rows {
		setters[i] = row.FieldByIndex(r.Index).Addr().Interface().(targetSetter)
		if id := fkArg(setters[i]); id != nil {
			k := fkRelKey(setters[i])
			if _, ok := uses[k]; !ok {
				keys = append(keys, id)
			}
			uses[k] += weights[i]
		}
	}
	pk := accessOf(target, target.PK)
	spend := func(child unsafe.Pointer) error {
		return ld.budget.spend(uses[keyAt(pk, pk.at(child))])
	}
	fetched, err := fetchIn(ld.ctx, ld.s, target, target.PK, keys, len(keys), spend)
	if err != nil {
		return nil, nil, err
	}
	byKey := make(map[relKey]reflect.Value, fetched.Len())
	var (
		children []reflect.Value
		cw       []int
	)
	if nested {
		children = make([]reflect.Value, fetched.Len())
		cw = make([]int, fetched.Len())
	}
	for i := range fetched.Len() {
		child := fetched.Index(i)
		k := relKeyOf(child.FieldByIndex(target.PK.Index))
		byKey[k] = child.Addr()
		if nested {
			children[i], cw[i] = child, uses[k]
		}
	}
	for _, ts := range setters {
		ts.setTarget(byKey[fkRelKey(ts)]) // the zero Value (a missing row) sets nil
	}
	return children, cw, nil
}

// loadReverse loads the rows of a HasMany, HasOne or ManyToMany for every
// row, grouped by owner. With nested, it returns them for the next level,
// with the number of times each is embedded. The rows of all owners share
// one array, grouped by owner; each owner's slice is capped at its own rows.
func (ld *loader) loadReverse(r *Relation, target *Model, rows []reflect.Value, weights []int, nested bool) ([]reflect.Value, []int, error) {
	group := make([]int, len(rows)) // the owner key of each row, as an index into keys
	byKey := newKeyIndex(len(rows))
	keys := make([]any, 0, len(rows))
	var groupUses []int // how many times the rows of each owner are embedded
	for i, row := range rows {
		pk := row.FieldByIndex(r.Owner.PK.Index)
		if pk.IsZero() { // no key (not selected, not saved): left unloaded
			group[i] = -1
			continue
		}
		k := relKeyOf(pk)
		g, ok := byKey.get(k)
		if !ok {
			g = len(keys)
			byKey.put(k, g)
			keys = append(keys, k.arg())
			groupUses = append(groupUses, 0)
		}
		groupUses[g] += weights[i]
		group[i] = g
	}
	// at is the owner (group) of each fetched row, -1 for none.
	var at []int
	spendFor := func(k relKey) error {
		g, ok := byKey.get(k)
		if !ok {
			at = append(at, -1)
			return nil
		}
		at = append(at, g)
		return ld.budget.spend(groupUses[g])
	}
	var (
		fetched reflect.Value
		err     error
	)
	if r.Kind == RelManyToMany {
		fetched, _, err = fetchLinked(ld.ctx, ld.s, r, target, keys, spendFor)
	} else {
		rk := accessOf(target, r.RemoteKey())
		spend := func(p unsafe.Pointer) error { return spendFor(keyAt(rk, rk.at(p))) }
		fetched, err = fetchIn(ld.ctx, ld.s, target, r.RemoteKey(), keys, rowsHint(r, len(keys)), spend)
		if err == nil {
			noteRows(r, len(keys), fetched.Len())
		}
	}
	if err != nil {
		return nil, nil, err
	}
	// Count the rows of each owner, then copy each row into its owner's run
	// of one array.
	start := make([]int, len(keys)+1)
	for _, g := range at {
		if g >= 0 {
			start[g+1]++
		}
	}
	counts := make([]int, len(keys))
	for g := range keys {
		counts[g] = start[g+1]
		start[g+1] += start[g]
	}
	sliceType := reflect.SliceOf(target.Type)
	total := start[len(keys)]
	grouped := fetched
	if runs, ok := contiguous(at, len(keys)); ok {
		// Each owner's rows already come together (children saved owner by
		// owner, the usual case): they stay where they are, no copy.
		copy(start, runs)
	} else {
		grouped = reflect.MakeSlice(sliceType, total, total)
		fill := append([]int(nil), start[:len(keys)]...)
		for i, g := range at {
			if g >= 0 {
				grouped.Index(fill[g]).Set(fetched.Index(i))
				fill[g]++
			}
		}
	}
	var base unsafe.Pointer
	if grouped.Len() > 0 {
		base = grouped.UnsafePointer()
	}
	size := target.Type.Size()
	field := relAccessOf(r)
	given := make([]bool, len(keys))
	var (
		children []reflect.Value
		cw       []int
	)
	for i, row := range rows {
		g := group[i]
		if g < 0 {
			continue
		}
		n := counts[g]
		var list reflect.Value
		if given[g] { // the same owner twice: each row gets its own copy
			list = reflect.MakeSlice(sliceType, n, n)
			reflect.Copy(list, grouped.Slice(start[g], start[g]+n))
			row.FieldByIndex(r.Index).Addr().Interface().(itemsSetter).setItems(list)
		} else {
			set, ok := field.direct, false
			var fs itemsFromSetter
			if set {
				fs, ok = field.addr(field.at(rowBase(row))).(itemsFromSetter)
			}
			list = grouped.Slice3(start[g], start[g]+n, start[g]+n)
			if ok {
				var data unsafe.Pointer // an owner without rows: no address (start[g] may be the array's end)
				if n > 0 {
					data = unsafe.Add(base, uintptr(start[g])*size)
				}
				fs.setItemsFrom(data, n)
			} else {
				row.FieldByIndex(r.Index).Addr().Interface().(itemsSetter).setItems(list)
			}
		}
		given[g] = true
		for j := 0; nested && j < n; j++ {
			children = append(children, list.Index(j))
			cw = append(cw, weights[i])
		}
	}
	return children, cw, nil
}

// contiguous reports whether the rows of each of n owners come together in
// at (the owner of each fetched row, -1 for none), and if so where each
// owner's run starts (0 for an owner without rows).
func contiguous(at []int, n int) ([]int, bool) {
	runs := make([]int, n+1)
	seen := make([]bool, n)
	prev := -1
	for i, g := range at {
		if g == prev || g < 0 {
			if g < 0 {
				prev = -1
			}
			continue
		}
		if seen[g] {
			return nil, false
		}
		seen[g], runs[g], prev = true, i, g
	}
	return runs, true
}

// fetchIn reads the rows of m whose column col is one of keys, leaving out
// soft-deleted rows, in primary-key order, chunking the IN list. each, when
// not nil, sees every row as it is read; its error stops the reading (the
// rest of the result is never fetched) and is returned.
func fetchIn(ctx context.Context, s session, m *Model, col *Field, keys []any, capHint int, each func(unsafe.Pointer) error) (reflect.Value, error) {
	out := reflect.New(reflect.SliceOf(m.Type))
	out.Elem().Grow(max(capHint, len(keys)))
	d := s.db.dialect
	ms := sqlFor(m, d)
	for _, kb := range keyBatches(d, keys, col.Kind) {
		var q strings.Builder
		q.WriteString("SELECT " + ms.selectList + " FROM " + ms.table + " WHERE " + ms.table + "." + d.Quote(col.Column) + kb.cond)
		if ms.notDeleted != "" {
			q.WriteString(" AND " + ms.notDeleted)
		}
		q.WriteString(" ORDER BY " + ms.table + "." + d.Quote(m.PK.Column))
		rows, err := s.query(ctx, d.Rebind(q.String()), kb.args...)
		if err != nil {
			return reflect.Value{}, wrap("include", m.Table(), err)
		}
		if err := scanEach(m, rows, out, each); err != nil {
			if isInvalid(err) {
				return reflect.Value{}, err
			}
			return reflect.Value{}, wrap("include", m.Table(), err)
		}
	}
	return out.Elem(), nil
}

// fetchLinked reads the rows of target linked to the owner keys through the
// junction of r, with the owner key of each row (a row linked to several
// owners comes once per owner). each, when not nil, sees the owner of every
// row as it is read; its error stops the reading and is returned.
func fetchLinked(ctx context.Context, s session, r *Relation, target *Model, keys []any, each func(relKey) error) (reflect.Value, []relKey, error) {
	out := reflect.New(reflect.SliceOf(target.Type))
	var owners []relKey
	d := s.db.dialect
	ms := sqlFor(target, d)
	j := r.JunctionDef()
	jt := d.Quote(j.Table)
	for _, kb := range keyBatches(d, keys, r.Owner.PK.Kind) {
		q := "SELECT " + jt + "." + d.Quote(j.Own) + ", " + ms.selectList + " FROM " + ms.table +
			" INNER JOIN " + jt + " ON " + jt + "." + d.Quote(j.Other) + " = " + ms.table + "." + d.Quote(target.PK.Column) +
			" WHERE " + jt + "." + d.Quote(j.Own) + kb.cond
		if ms.notDeleted != "" {
			q += " AND " + ms.notDeleted
		}
		q += " ORDER BY " + ms.table + "." + d.Quote(target.PK.Column)
		rows, err := s.query(ctx, d.Rebind(q), kb.args...)
		if err != nil {
			return reflect.Value{}, nil, wrap("include", j.Table, err)
		}
		var owner int64
		var ownerText string // a text owner key
		text := r.Owner.PK.Kind == dialect.String || r.Owner.PK.Kind == dialect.Text
		sc := newRowScanner(target, append([]*Field{nil}, target.Fields...))
		sc.dests[0] = &owner
		if text {
			sc.dests[0] = &ownerText
		}
		for rows.Next() {
			if err := sc.scan(rows, appendZero(out.Elem())); err != nil {
				rows.Close()
				return reflect.Value{}, nil, wrap("include", j.Table, err)
			}
			k := relKey{n: owner}
			if text {
				k = relKey{s: ownerText, kind: 1}
			}
			owners = append(owners, k)
			if each != nil {
				if err := each(k); err != nil {
					rows.Close()
					return reflect.Value{}, nil, err
				}
			}
		}
		if err := rows.Close(); err != nil {
			return reflect.Value{}, nil, wrap("include", j.Table, err)
		}
		if err := rows.Err(); err != nil {
			return reflect.Value{}, nil, wrap("include", j.Table, err)
		}
	}
	return out.Elem(), owners, nil
}

// relKey is a key value that compares equal whatever the integer type of
// its column, without boxing it: integers are n, text is s, anything else o.
type relKey struct {
	n    int64
	s    string
	o    any
	kind uint8 // 0 integer, 1 text, 2 other
}

// relKeyOf reads the key in v (a ForeignKey, an integer, a string, ...).
func relKeyOf(v reflect.Value) relKey {
	switch v.Kind() {
	case reflect.Struct:
		if ts, ok := v.Addr().Interface().(targetSetter); ok {
			return fkRelKey(ts)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return relKey{n: v.Int()}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return relKey{n: int64(v.Uint())}
	case reflect.String:
		return relKey{s: v.String(), kind: 1}
	}
	// Pointers and sql.Null* keys: what keyOf reads, normalised like the
	// plain kinds above, so a *string foreign key meets its string key.
	switch k := keyOf(v).(type) {
	case int64:
		return relKey{n: k}
	case string:
		return relKey{s: k, kind: 1}
	default:
		return relKey{o: k, kind: 2}
	}
}

// arg returns the key as a query argument.
func (k relKey) arg() any {
	switch k.kind {
	case 0:
		return k.n
	case 1:
		return k.s
	}
	return k.o
}

// keyOf normalises a key value so that keys read from different columns
// compare equal: every integer becomes int64.
func keyOf(v reflect.Value) any {
	if ts, ok := v.Addr().Interface().(targetSetter); ok {
		if t := *ts.TextPtr(); t != "" {
			return t
		}
		return *ts.KeyPtr()
	}
	x := schema.PlainValue(v)
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

// scanEach appends every row to *out, a pointer to a []T of model m, passing
// each (its address) to fn (when not nil) as it is read; an error of fn
// stops the reading.
func scanEach(m *Model, rows *sql.Rows, out reflect.Value, fn func(unsafe.Pointer) error) error {
	defer rows.Close()
	sc := scannerFor(m, m.Fields)
	defer sc.done()
	sl := out.Elem()
	size := m.Type.Size()
	for rows.Next() {
		var p unsafe.Pointer
		if sc.direct {
			// The element past the length is zero: the slice only grows, and
			// grown memory is zeroed.
			n := sl.Len()
			if n == sl.Cap() {
				sl.Grow(max(n, 8))
			}
			sl.SetLen(n + 1)
			p = unsafe.Add(sl.UnsafePointer(), uintptr(n)*size)
			if err := sc.scanAt(rows, p); err != nil {
				return err
			}
		} else {
			row := appendZero(sl)
			if err := sc.scan(rows, row); err != nil {
				return err
			}
			p = rowBase(row)
		}
		if fn != nil {
			if err := fn(p); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// isInvalid reports an ErrInvalid error (one the caller made), which is
// returned as it is rather than wrapped as a database failure.
func isInvalid(err error) bool { return errors.Is(err, ErrInvalid) }
