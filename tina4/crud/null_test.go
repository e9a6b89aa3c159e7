package crud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// null for a required (non-nullable) column answers the chapter's
// validation shape on POST, PUT and PATCH, and changes nothing.
func TestNullForRequired(t *testing.T) { dbtest.Each(t, testNullForRequired) }

func testNullForRequired(t *testing.T) {
	h := newServer(t)
	created := mustCall(t, h, "POST", "/api/notes", `{"title":"kept"}`, 201)
	tests := []struct {
		method, path, body string
		detail             []any
	}{
		{"POST", "/api/notes", `{"title":null}`, []any{"title: This field is required"}},
		{"PUT", "/api/notes/1", `{"title":null}`, []any{"title: This field is required"}},
		{"PATCH", "/api/notes/1", `{"title":null}`, []any{"title: This field is required"}},
		{"PATCH", "/api/notes/1", `{"title":null,"pinned":null}`, []any{"title: This field is required", "pinned: This field is required"}},
		{"PATCH", "/api/notes/1", `{"content":"c","title":null}`, []any{"title: This field is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.body, func(t *testing.T) {
			res := mustCall(t, h, tt.method, tt.path, tt.body, 400)
			assert.Equal(t, map[string]any{"error": "Validation failed", "detail": tt.detail}, res.JSON)
		})
	}
	for _, body := range []string{`{"id":null,"title":"x"}`, `{"title":"x","created_at":null}`} {
		res := mustCall(t, h, "POST", "/api/notes", body, 400)
		assert.Contains(t, res.JSON["error"], ": is read-only", body)
	}
	got := mustCall(t, h, "GET", "/api/notes/1", "", 200)
	require.Equal(t, created.Body, got.Body, "a refused write changed the row")
	assert.Equal(t, 1.0, mustCall(t, h, "GET", "/api/notes", "", 200).JSON["total"])
}
