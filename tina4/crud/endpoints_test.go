package crud_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func TestEndpoints(t *testing.T) {
	r := router.New()
	crud.Register[note](r, "/api", crud.WithLimits(5, 50))
	var got []string
	for _, e := range crud.Endpoints(r) {
		got = append(got, e.Action.String()+" "+strings.Join(e.Route.Methods, ",")+" "+e.Route.Pattern)
		assert.Equal(t, "notes", e.Model.Table(), "%s: model %s, limits %d/%d", e.Route.Pattern, e.Model.Table(), e.Limit, e.MaxLimit)
		assert.Equal(t, 5, e.Limit, "%s: model %s, limits %d/%d", e.Route.Pattern, e.Model.Table(), e.Limit, e.MaxLimit)
		assert.Equal(t, 50, e.MaxLimit, "%s: model %s, limits %d/%d", e.Route.Pattern, e.Model.Table(), e.Limit, e.MaxLimit)
	}
	want := []string{
		"list GET /api/notes", "create POST /api/notes", "get GET /api/notes/{id:int}",
		"update PUT /api/notes/{id:int}", "update PATCH /api/notes/{id:int}", "delete DELETE /api/notes/{id:int}",
	}
	assert.True(t, slices.Equal(got, want), "Endpoints")
	assert.Len(t, crud.Endpoints(router.New()), 0, "a router without AutoCrud has endpoints")
	assert.Equal(t, "Action(9)", crud.Action(9).String())
}

// sampleValue is a query-string value of kind k.
var sampleValue = map[schema.Kind]string{
	schema.Int: "1", schema.Float: "1.5", schema.Bool: "true", schema.String: "x", schema.Text: "x",
	schema.Time: "2026-01-02T03:04:05Z",
}

// Every key QueryParams describes is accepted by the list route: the
// description never promises what the list refuses.
func TestQueryParamsAreAccepted(t *testing.T) {
	r := newServer(t)
	mustCall(t, r, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
	mustCall(t, r, "POST", "/api/books", `{"writer_id":1,"title":"Lathe"}`, 201)
	lists := 0
	for _, e := range crud.Endpoints(r) {
		params := e.QueryParams()
		if e.Action != crud.ActionList {
			assert.Nil(t, params, "%s %s has query params", e.Action, e.Route.Pattern)
			continue
		}
		lists++
		names := map[string]bool{}
		for _, p := range params {
			assert.False(t, names[p.Name], "%s: %s described twice", e.Route.Pattern, p.Name)
			names[p.Name] = true
			val := sampleValue[p.Kind]
			switch {
			case p.Enum != nil && p.Name == "order": // id,-id,title,-title,...: no more fields than the limit
				val = strings.Join(p.Enum[:min(len(p.Enum), 2*crud.DefaultMaxOrder)], ",")
			case p.Enum != nil && !p.List: // total: one of the values
				val = p.Enum[len(p.Enum)-1]
			case p.Enum != nil:
				val = strings.Join(p.Enum, ",")
			case p.List:
				val += "," + val
			}
			if p.Name == "page" || p.Name == "per_page" { // not with limit or skip: alone is fine
				val = "2"
			}
			path := e.Route.Pattern + "?" + url.QueryEscape(p.Name) + "=" + url.QueryEscape(val)
			res := call(t, r, "GET", path, "")
			assert.Equal(t, 200, res.Status, "GET %s: %d %s", path, res.Status, res.Body)
		}
		if e.Model.Table() == "notes" {
			for _, want := range []string{"limit", "skip", "offset", "page", "per_page", "order", "title", "title__icontains", "views__gte", "due_at__isnull", "rating__in"} {
				assert.True(t, names[want], "notes: %s not described", want)
			}
			for _, absent := range []string{"secret", "secret__eq", "title__isnull", "pinned__gt", "views__like", "include"} {
				assert.False(t, names[absent], "notes: %s described", absent)
			}
		}
		if e.Model.Table() == "books" {
			for _, want := range []string{"include", "writer_id", "writer__name", "writer__name__icontains", "writer__id__isnull"} {
				assert.True(t, names[want], "books: %s not described", want)
			}
		}
	}
	require.NotEqual(t, 0, lists, "no list routes")
}

func TestQueryParamsEnums(t *testing.T) {
	r := newServer(t)
	for _, e := range crud.Endpoints(r) {
		if e.Action != crud.ActionList {
			continue
		}
		for _, p := range e.QueryParams() {
			switch {
			case e.Model.Table() == "writers" && p.Name == "include":
				// books.writer leads back to writers: refused
				assert.True(t, slices.Equal(p.Enum, []string{"books"}), "writers include enum")
			case e.Model.Table() == "books" && p.Name == "include":
				assert.True(t, slices.Equal(p.Enum, []string{"writer"}), "writers include enum")
			case e.Model.Table() == "notes" && p.Name == "order":
				assert.False(t, slices.Contains(p.Enum, "secret"), "notes order enum")
				assert.True(t, slices.Contains(p.Enum, "-created_at"), "notes order enum")
			case p.Name == "limit":
				assert.Equal(t, crud.DefaultLimit, *p.Default, "limit default %d min %d", *p.Default, *p.Minimum)
				assert.Equal(t, 1, *p.Minimum, "limit default %d min %d", *p.Default, *p.Minimum)
			}
		}
	}
}
