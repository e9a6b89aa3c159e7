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

// listQuery is a parsed list request: what to ask the ORM, and the page to
// echo back.
type listQuery struct {
	spec        orm.ListSpec
	limit, skip int
}

// parseListQuery reads a raw query string (the part after "?") into a list
// request. Pairs are read in order so that errors are reported
// deterministically; names are not checked against the model here (the ORM
// does that) but paging values and the shape of order are.
func parseListQuery(raw string, o options) (listQuery, error) {
	var (
		q                        listQuery
		limit, skip, page, perPg string
		hasLimit, hasSkip, hasPg bool
		hasPerPage               bool
	)
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return q, invalid("malformed query string: %q", k)
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return q, invalid("malformed query string value for %q", key)
		}
		if badText(key) || badText(val) {
			return q, invalid("query parameter %q: text must be valid UTF-8 without NUL characters", strings.ToValidUTF8(key, "\uFFFD"))
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
			if !hasSkip {
				skip, hasSkip = val, true
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
				q.spec.Order = append(q.spec.Order, item)
			}
		case "include":
			for item := range strings.SplitSeq(val, ",") {
				item = strings.TrimSpace(item)
				if item == "" {
					return q, invalid("include: empty relation name in %q", val)
				}
				q.spec.Include = append(q.spec.Include, item)
			}
		case "":
			return q, invalid("malformed query string: empty key")
		default:
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
