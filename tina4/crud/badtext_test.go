package crud_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// code has a string key: its id in the path reaches the database as text.
type code struct {
	Code  string `db:"code,pk"`
	Label string `db:"label"`
}

func (code) TableName() string { return "codes" }

func init() { orm.Register[code]() }

// Text PostgreSQL or MySQL would refuse (NUL, bytes that are not UTF-8) is a
// 4xx before it reaches them, in bodies, query strings and string ids: on
// PostgreSQL a NUL in a filter value would otherwise be a 500.
func TestBadText(t *testing.T) { dbtest.Each(t, testBadText) }

func testBadText(t *testing.T) {
	h := newServer(t)
	mustCall(t, h, "POST", "/api/notes", `{"title":"Café ☕ 😀"}`, 201)
	tests := []struct {
		method, path, body string
		want               int
	}{
		{"POST", "/api/notes", `{"title":"a\u0000b"}`, 400},
		{"POST", "/api/notes", "{\"title\":\"\xff\"}", 400},
		{"PATCH", "/api/notes/1", `{"content":"\u0000"}`, 400},
		{"GET", "/api/notes?title=a%00b", "", 400},
		{"GET", "/api/notes?title=%ff", "", 400},
		{"GET", "/api/notes?title__in=a,%C3%28", "", 400},
		{"GET", "/api/notes?title__icontains=%00", "", 400},
		{"GET", "/api/notes?ti%00tle=x", "", 400},
		{"GET", "/api/codes/a%00b", "", 404},
		{"GET", "/api/codes/%ff", "", 404},
		{"DELETE", "/api/codes/%ff%fe", "", 404},
		{"GET", "/api/notes?title=Caf%C3%A9%20%E2%98%95%20%F0%9F%98%80", "", 200},
	}
	for _, tt := range tests {
		res := mustCall(t, h, tt.method, tt.path, tt.body, tt.want)
		if tt.want != http.StatusOK {
			assert.Contains(t, res.Body, `"error"`, "%s %s: %s", tt.method, tt.path, res.Body)
		}
	}
	l := mustCall(t, h, "GET", "/api/notes", "", 200)
	assert.Equal(t, 1.0, l.JSON["total"], "rows: %s", l.Body)
	assert.Equal(t, "Café ☕ 😀", data(t, l)[0]["title"], "rows: %s", l.Body)
}
