package routes

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The paging of the app's own list routes: AutoCrud's defaults.
const (
	pageDefault = crud.DefaultLimit    // rows when no limit is asked
	pageMax     = crud.DefaultMaxLimit // larger limits are capped to it
)

// pageParams describes limit, skip and offset in the OpenAPI document of a
// list route.
var pageParams = []router.RouteOption{
	router.Query("limit", router.ParamInt, fmt.Sprintf("Page size, default %d; larger values are capped at %d.", pageDefault, pageMax)),
	router.Query("skip", router.ParamInt, "Rows to skip, default 0. Not with offset."),
	router.Query("offset", router.ParamInt, "An alias of skip."),
}

// paged returns the options of a list route with pageParams before them.
func paged(opts ...router.RouteOption) []router.RouteOption {
	return append(slices.Clone(pageParams), opts...)
}

// page is one page of a list: its size and how many rows come before it.
type page struct{ limit, skip int }

// readPage reads limit and skip (or offset) as AutoCrud's list does: limit
// from 1 (default 10, capped at 100), skip from 0; anything else, or skip
// with offset, is a 400.
func readPage(req *router.Request) (page, error) {
	p := page{limit: pageDefault}
	if s := req.Query("limit"); s != "" {
		n, err := pageNumber("limit", s)
		if err != nil {
			return p, err
		}
		if n < 1 {
			return p, pageError("limit must be at least 1, got %d", n)
		}
		p.limit = int(min(n, pageMax))
	}
	skip, offset := req.Query("skip"), req.Query("offset")
	if skip != "" && offset != "" {
		return p, pageError("use skip or offset, not both")
	}
	name := "skip"
	if skip == "" {
		name, skip = "offset", offset
	}
	if skip != "" {
		n, err := pageNumber(name, skip)
		if err != nil {
			return p, err
		}
		if n > math.MaxInt32 {
			return p, pageError("%s must be at most %d", name, math.MaxInt32)
		}
		p.skip = int(n)
	}
	return p, nil
}

// pageNumber reads a whole number that is not negative; one too large for
// int64 reads as math.MaxInt64 (a limit is then capped, a skip refused).
func pageNumber(name, s string) (int64, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		var ne *strconv.NumError
		switch {
		case !errors.As(err, &ne) || ne.Err != strconv.ErrRange:
			return 0, pageError("%s must be a whole number, got %q", name, s)
		case strings.HasPrefix(s, "-"):
			return 0, pageError("%s must not be negative", name)
		}
		return math.MaxInt64, nil
	}
	if n < 0 {
		return 0, pageError("%s must not be negative, got %d", name, n)
	}
	return n, nil
}

func pageError(format string, args ...any) error {
	return errkind.New(errkind.Invalid, fmt.Sprintf(format, args...))
}

// pageOf runs the query for the page: its rows and the total that match.
func pageOf[T any](b *orm.Builder[T], p page) ([]T, int, error) {
	return b.Limit(p.limit).Offset(p.skip).Page()
}
