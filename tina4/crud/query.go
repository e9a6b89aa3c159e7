package crud

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// listQuery is a parsed list request: what to ask the ORM (its filter keys
// in spec.Filters, its include paths in spec.Include), and the page to echo
// back.
type listQuery struct {
	spec        orm.ListSpec
	limit, skip int
}

// oneQuery is a parsed request for one row: its include paths.
type oneQuery struct {
	include []string
	limits  orm.IncludeLimits
}

// parseOneQuery reads the query string of GET /{table}/{id}: include, as on
// the list; any other key is refused.
func parseOneQuery(raw string, o options) (oneQuery, error) {
	q := oneQuery{limits: o.include}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		key, val, err := unescapePair(pair)
		if err != nil {
			return q, err
		}
		if key != "include" {
			return q, invalid("unknown query parameter %q: a single row takes only include", key)
		}
		if q.include, err = parseIncludeValue(val, q.include); err != nil {
			return q, err
		}
	}
	return q, nil
}

// unescapePair decodes one key=value pair of a query string.
func unescapePair(pair string) (string, string, error) {
	k, v, _ := strings.Cut(pair, "=")
	key, err := url.QueryUnescape(k)
	if err != nil {
		return "", "", invalid("malformed query string: %q", k)
	}
	val, err := url.QueryUnescape(v)
	if err != nil {
		return "", "", invalid("malformed query string value for %q", key)
	}
	if badText(key) || badText(val) {
		return "", "", invalid("query parameter %q: text must be valid UTF-8 without NUL characters", strings.ToValidUTF8(key, "\uFFFD"))
	}
	if key == "" {
		return "", "", invalid("malformed query string: empty key")
	}
	return key, val, nil
}

// parseListQuery reads a raw query string (the part after "?") into a list
// request. Pairs are read in order so that errors are reported
// deterministically; names are not checked against the model here (the ORM
// does that) but paging values, the shape of order, and the limits of
// QueryLimits are.
func parseListQuery(raw string, o options) (listQuery, error) {
	var (
		q                        listQuery
		limit, skip, page, perPg string
		hasLimit, hasSkip, hasPg bool
		hasPerPage, hasTotal     bool
		skipKey                  string // skip or offset, whichever came first
	)
	shape := shapeCounter{lim: o.bounds}
	q.spec.IncludeLimits = o.include
	q.spec.Total = o.total
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		key, val, err := unescapePair(pair)
		if err != nil {
			return q, err
		}
		switch key {
		case "limit":
			if !hasLimit {
				limit, hasLimit = val, true
			}
		case "per_page":
			if !hasPerPage {
				perPg, hasPerPage = val, true
			}
		case "skip", "offset":
			if hasSkip && key != skipKey {
				return q, invalid("use skip or offset, not both")
			}
			if !hasSkip {
				skip, hasSkip, skipKey = val, true, key
			}
		case "page":
			if !hasPg {
				page, hasPg = val, true
			}
		case "order":
			for item := range strings.SplitSeq(val, ",") {
				item = strings.TrimSpace(item)
				if item == "" || item == "-" {
					return q, invalid("order: empty field name in %q", val)
				}
				if fresh, err := shape.orderField(item); err != nil {
					return q, err
				} else if fresh {
					q.spec.Order = append(q.spec.Order, item)
				}
			}
		case "include":
			if q.spec.Include, err = parseIncludeValue(val, q.spec.Include); err != nil {
				return q, err
			}
		case TotalParam:
			if hasTotal {
				return q, invalid("total given twice")
			}
			hasTotal = true
			if q.spec.Total, err = parseTotal(val); err != nil {
				return q, err
			}
		default:
			if err := shape.filter(key, val); err != nil {
				return q, err
			}
			q.spec.Filters = append(q.spec.Filters, orm.FilterText{Key: key, Value: val})
		}
	}

	if hasLimit && hasPerPage {
		return q, invalid("use limit or per_page, not both")
	}
	if hasPerPage {
		limit, hasLimit = perPg, true
	}
	if hasPg && hasSkip {
		return q, invalid("use page or skip/offset, not both")
	}
	q.limit = o.defaultLimit
	if hasLimit {
		n, err := parseCount("limit", limit)
		if err != nil {
			return q, err
		}
		if n < 1 {
			return q, invalid("limit must be at least 1, got %d", n)
		}
		q.limit = int(min(n, int64(o.maxLimit)))
	}
	if hasSkip {
		n, err := parseCount("skip", skip)
		if err != nil {
			return q, err
		}
		if n > math.MaxInt32 {
			return q, invalid("skip must be at most %d", math.MaxInt32)
		}
		q.skip = int(n)
	}
	if hasPg {
		n, err := parseCount("page", page)
		if err != nil {
			return q, err
		}
		if n < 1 {
			return q, invalid("page must be at least 1, got %d", n)
		}
		if n-1 > math.MaxInt32/int64(q.limit) {
			return q, invalid("page %d is too large", n)
		}
		q.skip = int(n-1) * q.limit
	}
	q.spec.Limit, q.spec.Offset = q.limit, q.skip
	return q, nil
}

// parseCount reads a non-negative whole number. A number too large for int64
// is returned as math.MaxInt64 (a limit is then capped; a skip refused).
func parseCount(name, s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange && !strings.HasPrefix(strings.TrimSpace(s), "-") {
			return math.MaxInt64, nil
		}
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return 0, invalid("%s must not be negative", name)
		}
		return 0, invalid("%s must be a whole number, got %q", name, s)
	}
	if n < 0 {
		return 0, invalid("%s must not be negative, got %d", name, n)
	}
	return n, nil
}

// invalid returns an errkind.Invalid error whose text is shown to the client.
func invalid(format string, args ...any) error {
	return errkind.New(errkind.Invalid, fmt.Sprintf(format, args...))
}
