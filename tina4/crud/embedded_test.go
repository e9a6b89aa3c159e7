package crud_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// A record read with include goes back with PUT or PATCH as it is: the
// embedded relation keys are ignored (the foreign-key column changes the
// relation); a relation key with a value include never writes is a 400 that
// names the column to send; a create refuses relation keys (no nested rows).
func TestBodyWithEmbeddedRelations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := newServer(t)
		mustCall(t, h, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
		mustCall(t, h, "POST", "/api/writers", `{"name":"Octavia"}`, 201)
		mustCall(t, h, "POST", "/api/books", `{"writer_id":1,"title":"The Dispossessed"}`, 201)

		book := data(t, mustCall(t, h, "GET", "/api/books?include=writer", "", 200))[0]
		require.Contains(t, book, "writer")
		got := mustCall(t, h, "PUT", "/api/books/1", encode(t, book), 200)
		assert.Equal(t, 1.0, got.JSON["writer_id"])
		assert.NotContains(t, got.JSON, "writer", "the answer of PUT embeds nothing")

		writer := data(t, mustCall(t, h, "GET", "/api/writers?include=books&id=1", "", 200))[0]
		require.Contains(t, writer, "books")
		mustCall(t, h, "PUT", "/api/writers/1", encode(t, writer), 200)

		tests := []struct {
			name, method, path, body string
			status                   int
			msg                      string
		}{
			{"object ignored, the key decides", "PATCH", "/api/books/1", `{"writer":{"id":2,"name":"Octavia"},"title":"Kept"}`, 200, ""},
			{"null ignored", "PATCH", "/api/books/1", `{"writer":null}`, 200, ""},
			{"list ignored", "PATCH", "/api/writers/1", `{"books":[{"id":1}]}`, 200, ""},
			{"a number is refused", "PATCH", "/api/books/1", `{"writer":2}`, 400, "writer: is a relation, embedded by include and ignored in a body; send writer_id to change it"},
			{"a string is refused on a reverse relation", "PATCH", "/api/writers/1", `{"books":"all"}`, 400, "books: is a relation, embedded by include and ignored in a body; change it through its own routes"},
			{"create refuses it: no nested rows", "POST", "/api/books", `{"writer_id":2,"title":"Kindred","writer":{"id":1}}`, 400, `unknown field "writer"`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := call(t, h, tt.method, tt.path, tt.body)
				require.Equal(t, tt.status, res.Status, res.Body)
				if tt.msg != "" {
					assert.Contains(t, res.JSON["error"], tt.msg)
				}
			})
		}
		after := mustCall(t, h, "GET", "/api/books/1", "", 200)
		assert.Equal(t, 1.0, after.JSON["writer_id"], "an embedded writer never moves the book")
		assert.Equal(t, "Kept", after.JSON["title"])
	})
}

// encode is v as a JSON body.
func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
