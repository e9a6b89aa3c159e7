package orm

import "strings"

// Last returns the last row by the builder's order (each ORDER BY
// expression reversed: ASC and DESC swap, NULLS FIRST and NULLS LAST swap),
// or by primary key descending when the builder has no order; nil when
// there is no row. Table builders without an order are an ErrInvalid error.
func (b *Builder[T]) Last() (*T, error) {
	saved := b.order
	if len(saved) == 0 {
		if b.model == nil {
			return nil, wrap("query", b.table, invalidf("orm: last needs an order on the table %s", b.table))
		}
		b.order = []string{b.qualified(b.model.PK.Column) + " DESC"}
	} else {
		b.order = reverseOrder(saved)
	}
	row, err := b.First()
	b.order = saved
	return row, err
}

// reverseOrder reverses ORDER BY expressions ("a DESC, b" becomes "a ASC",
// "b DESC"), splitting each on its top-level commas.
func reverseOrder(exprs []string) []string {
	var out []string
	for _, e := range exprs {
		for _, term := range splitTopLevel(e) {
			out = append(out, reverseTerm(strings.TrimSpace(term)))
		}
	}
	return out
}

func reverseTerm(t string) string {
	upper := strings.ToUpper(t)
	nulls := ""
	switch {
	case strings.HasSuffix(upper, " NULLS FIRST"):
		t, upper, nulls = t[:len(t)-12], upper[:len(upper)-12], " NULLS LAST"
	case strings.HasSuffix(upper, " NULLS LAST"):
		t, upper, nulls = t[:len(t)-11], upper[:len(upper)-11], " NULLS FIRST"
	}
	t, upper = strings.TrimSpace(t), strings.TrimSpace(upper)
	switch {
	case strings.HasSuffix(upper, " DESC"):
		return strings.TrimSpace(t[:len(t)-5]) + " ASC" + nulls
	case strings.HasSuffix(upper, " ASC"):
		return strings.TrimSpace(t[:len(t)-4]) + " DESC" + nulls
	}
	return t + " DESC" + nulls
}

// splitTopLevel splits s on the commas outside parentheses and quotes.
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}
