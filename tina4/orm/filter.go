package orm

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// The filter operators, in the SQLiter syntax: a key is a column name,
// optionally followed by "__" and an operator ("views__gte", "title__icontains").
// Without an operator the key means eq; a nil value means IS NULL.
var filterOps = map[string]bool{
	"eq": true, "ne": true, "lt": true, "lte": true, "le": true, "gt": true, "gte": true, "ge": true,
	"in": true, "not_in": true, "isnull": true, "notnull": true, "like": true,
	"startswith": true, "endswith": true, "contains": true,
	"istartswith": true, "iendswith": true, "icontains": true,
}

// SplitFilterKey splits a filter key such as "author__name__like" into the
// path it names (the relations followed, then the field: ["author", "name"])
// and its operator ("like"; "eq" when the key has none). It checks nothing
// against a model.
func SplitFilterKey(key string) (path []string, op string) { return splitFilterKey(key) }

// splitFilterKey splits "author__name__like" into the path and the operator.
func splitFilterKey(key string) ([]string, string) {
	parts := strings.Split(key, "__")
	if n := len(parts); n > 1 && filterOps[parts[n-1]] {
		return parts[:n-1], parts[n-1]
	}
	return parts, "eq"
}

// MaxInValues is the most values an "in" or "not_in" filter takes: each is a
// bound parameter, and engines limit how many a statement may have.
const MaxInValues = 1000

// Filter adds a condition in the filter syntax: Filter("views__gte", 10),
// Filter("status__in", []string{"draft", "published"}), Filter("title", nil).
// The field must be a column of the model (not a hidden one); anything else
// is an ErrInvalid error when the query runs. Values are always bound.
func (b *Builder[T]) Filter(key string, value any) *Builder[T] {
	if sql, args, ok := b.filterCond("filter", key, value); ok {
		return b.where(sql, args...) // qualified: see filterField
	}
	return b
}

// filterCond renders the condition of a filter key and value for Filter and
// Exclude (verb names the call in the error), or records the error on b and
// returns false.
func (b *Builder[T]) filterCond(verb, key string, value any) (string, []any, bool) {
	f, op, col, err := b.filterField(key)
	if err != nil {
		b.setErr(err)
		return "", nil, false
	}
	sql, args, err := filterSQL(b.dialect(), col, f, op, value)
	if err != nil {
		b.setErr(invalidf("orm: %s %s on %s: %v", verb, key, b.table, err))
		return "", nil, false
	}
	return sql, args, true
}

// FilterText is Filter with the value as text, as it comes in a query
// string: it is converted to the field's type ("in" and "not_in" take a
// comma-separated list, "isnull" and "notnull" take true or false). A value
// that does not convert is an ErrInvalid error.
func (b *Builder[T]) FilterText(key, text string) *Builder[T] {
	f, op, _, err := b.filterField(key)
	if err != nil {
		b.setErr(err)
		return b
	}
	var v any
	switch op {
	case "in", "not_in":
		var list []any
		for _, item := range strings.Split(text, ",") {
			x, err := parseText(f, item)
			if err != nil {
				b.setErr(invalidf("orm: filter %s: %v", key, err))
				return b
			}
			list = append(list, x)
		}
		v = list
	case "isnull", "notnull":
		x, err := strconv.ParseBool(text)
		if err != nil {
			b.setErr(invalidf("orm: filter %s: %q is not true or false", key, text))
			return b
		}
		v = x
	case "like", "startswith", "endswith", "contains", "istartswith", "iendswith", "icontains":
		v = text
	default:
		if v, err = parseText(f, text); err != nil {
			b.setErr(invalidf("orm: filter %s: %v", key, err))
			return b
		}
	}
	return b.Filter(key, v)
}

// filterField resolves a filter key to its field, operator and qualified
// column, adding the joins a traversal needs.
func (b *Builder[T]) filterField(key string) (*Field, string, string, error) {
	if b.model == nil {
		return nil, "", "", invalidf("orm: filters need a model, not the table %s", b.table)
	}
	path, op := splitFilterKey(key)
	m, alias := b.model, b.table
	if len(path) > 1 { // traversal: author__name follows the author key
		j, err := b.joinRelations(path[:len(path)-1])
		if err != nil {
			return nil, "", "", invalidf("orm: filter %q: %v", key, strings.TrimPrefix(err.Error(), "orm: "))
		}
		m, alias = b.joinPaths[j].target, b.joinPaths[j].alias
	}
	name := path[len(path)-1]
	f := m.Field(name)
	if f == nil || f.Hidden {
		if r := m.Relation(name); r != nil && r.Kind == RelBelongsTo {
			f = r.Key // "author" filters on author_id
		} else {
			return nil, "", "", invalidf("orm: filter %q: %s has no field %q", key, m.Name, name)
		}
	}
	if !acceptsOp(f, op) {
		return nil, "", "", invalidf("orm: filter %q: %s does not apply to %s (use %s)", key, op, f.Column, strings.Join(FilterOps(f, true), ", "))
	}
	d := b.dialect()
	return f, op, d.Quote(alias) + "." + d.Quote(f.Column), nil
}

// filterSQL renders one condition on column expression col.
func filterSQL(d dialect.Dialect, col string, f *Field, op string, value any) (string, []any, error) {
	if value == nil {
		switch op {
		case "eq", "isnull":
			return col + " IS NULL", nil, nil
		case "ne", "notnull":
			return col + " IS NOT NULL", nil, nil
		}
		return "", nil, fmt.Errorf("%s needs a value", op)
	}
	switch op {
	case "isnull", "notnull":
		yes, ok := value.(bool)
		if !ok {
			return "", nil, fmt.Errorf("%s takes true or false", op)
		}
		if yes == (op == "isnull") {
			return col + " IS NULL", nil, nil
		}
		return col + " IS NOT NULL", nil, nil
	case "in", "not_in":
		rv := reflect.ValueOf(value)
		if rv.Kind() != reflect.Slice || rv.Type() == reflect.TypeFor[[]byte]() {
			return "", nil, fmt.Errorf("%s takes a list", op)
		}
		if rv.Len() > MaxInValues {
			return "", nil, fmt.Errorf("%s takes at most %d values, got %d", op, MaxInValues, rv.Len())
		}
		if rv.Len() == 0 {
			if op == "in" {
				return "1 = 0", nil, nil
			}
			return "1 = 1", nil, nil
		}
		args := make([]any, rv.Len())
		marks := make([]string, rv.Len())
		for i := range args {
			args[i] = bindFilterValue(d, rv.Index(i).Interface())
			marks[i] = "?"
		}
		not := ""
		if op == "not_in" {
			not = "NOT "
		}
		return col + " " + not + "IN (" + strings.Join(marks, ", ") + ")", args, nil
	case "like", "startswith", "endswith", "contains", "istartswith", "iendswith", "icontains":
		s, ok := value.(string)
		if !ok {
			return "", nil, fmt.Errorf("%s takes text", op)
		}
		fold := op[0] == 'i'
		if fold {
			s = dialect.FoldCase(s)
			op = op[1:]
		}
		pattern := s
		switch op {
		case "startswith":
			pattern = dialect.EscapeLike(s) + "%"
		case "endswith":
			pattern = "%" + dialect.EscapeLike(s)
		case "contains":
			pattern = "%" + dialect.EscapeLike(s) + "%"
		}
		return d.Like(col, fold, op != "like"), []any{pattern}, nil
	}
	if err := checkScalar(op, value); err != nil {
		return "", nil, err
	}
	cmp := map[string]string{"eq": "=", "ne": "<>", "lt": "<", "lte": "<=", "le": "<=", "gt": ">", "gte": ">=", "ge": ">="}[op]
	return col + " " + cmp + " ?", []any{bindFilterValue(d, value)}, nil
}

func bindFilterValue(d dialect.Dialect, v any) any {
	switch t := v.(type) {
	case time.Time:
		return d.BindTime(t)
	case *time.Time:
		if t == nil {
			return nil
		}
		return d.BindTime(*t)
	}
	return v
}

// parseText converts query-string text into a value of the field's kind.
func parseText(f *Field, s string) (any, error) {
	switch f.Kind {
	case dialect.Int:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case dialect.Float:
		n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return n, nil
	case dialect.Bool:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return b, nil
	case dialect.Time:
		t, err := dialect.ParseTime(strings.TrimSpace(s))
		if err != nil || !dialect.TimeInRange(t) {
			return nil, fmt.Errorf("%q is not a date or time in the years 1 to 9999", s)
		}
		return t, nil
	case dialect.Bytes:
		return nil, fmt.Errorf("binary fields cannot be filtered")
	}
	return s, nil
}
