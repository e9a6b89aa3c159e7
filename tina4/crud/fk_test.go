package crud_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Models of the foreign-key answers, left unregistered so that the other
// tests do not see them: keys without validate:"required", one a plain
// references column, one a declared orm.ForeignKey on a soft-deleting model.
type fkAuthor struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (fkAuthor) TableName() string { return "fk_authors" }

type fkBook struct {
	ID       int64  `db:"id"`
	AuthorID int64  `db:"author_id" references:"fk_authors.id"`
	Title    string `db:"title"`
}

func (fkBook) TableName() string { return "fk_books" }

type fkReview struct {
	ID   int64                  `db:"id"`
	Book orm.ForeignKey[fkBook] `db:"book_id"`
	Text string                 `db:"text"`
	orm.SoftDeletes
}

func (fkReview) TableName() string { return "fk_reviews" }

// newFKServer serves the fk models with AutoCrud on a fresh database.
func newFKServer(t *testing.T) *router.Router {
	t.Helper()
	db, err := orm.Open(dbtest.URL(t))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := orm.WithDB(context.Background(), db)
	r := router.New()
	r.Use(withDB(db))
	for _, create := range []func(context.Context) (*orm.Model, error){modelTable[fkAuthor], modelTable[fkBook], modelTable[fkReview]} {
		m, err := create(ctx)
		require.NoError(t, err)
		crud.Mount(r, m, "/api")
	}
	return r
}

func modelTable[T any](ctx context.Context) (*orm.Model, error) {
	m, err := orm.ModelOf[T]()
	if err != nil {
		return nil, err
	}
	return m, orm.CreateTable[T](ctx)
}

// A NOT NULL foreign key left out of a body is a 400 naming it; a key with
// no parent, and a delete that a child blocks, are 409s naming what blocks,
// on every engine.
func TestForeignKeyAnswers(t *testing.T) { dbtest.Each(t, testForeignKeyAnswers) }

func testForeignKeyAnswers(t *testing.T) {
	h := newFKServer(t)
	mustCall(t, h, "POST", "/api/fk_authors", `{"name":"Alice"}`, 201)
	mustCall(t, h, "POST", "/api/fk_books", `{"author_id":1,"title":"one"}`, 201)
	mustCall(t, h, "POST", "/api/fk_books", `{"author_id":1,"title":"two"}`, 201)
	mustCall(t, h, "POST", "/api/fk_reviews", `{"book_id":2,"text":"good"}`, 201)

	tests := []struct {
		name, method, path, body string
		status                   int
		want                     map[string]any
	}{
		{"key left out", "POST", "/api/fk_books", `{"title":"x"}`, 400,
			map[string]any{"error": "Validation failed", "detail": []any{"author_id: This field is required"}}},
		{"key zero", "POST", "/api/fk_books", `{"author_id":0,"title":"x"}`, 400,
			map[string]any{"error": "Validation failed", "detail": []any{"author_id: This field is required"}}},
		{"declared key left out", "POST", "/api/fk_reviews", `{"text":"x"}`, 400,
			map[string]any{"error": "Validation failed", "detail": []any{"book_id: This field is required"}}},
		{"missing parent", "POST", "/api/fk_books", `{"author_id":99,"title":"x"}`, 409,
			map[string]any{"error": "author_id: no author with id 99"}},
		{"missing parent on PATCH", "PATCH", "/api/fk_books/1", `{"author_id":99}`, 409,
			map[string]any{"error": "author_id: no author with id 99"}},
		{"missing parent on PUT", "PUT", "/api/fk_books/1", `{"author_id":98}`, 409,
			map[string]any{"error": "author_id: no author with id 98"}},
		{"missing declared parent", "POST", "/api/fk_reviews", `{"book_id":99,"text":"x"}`, 409,
			map[string]any{"error": "book_id: no book with id 99"}},
		{"blocked delete", "DELETE", "/api/fk_authors/1", "", 409,
			map[string]any{"error": "fk_authors 1 is still referenced by fk_books"}},
		{"blocked by a live review", "DELETE", "/api/fk_books/2", "", 409,
			map[string]any{"error": "fk_books 2 is still referenced by fk_reviews"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustCall(t, h, tt.method, tt.path, tt.body, tt.status)
			assert.Equal(t, tt.want, res.JSON)
		})
	}
	mustCall(t, h, "DELETE", "/api/fk_reviews/1", "", 204) // soft delete: the row keeps its key
	res := mustCall(t, h, "DELETE", "/api/fk_books/2", "", 409)
	assert.Equal(t, "fk_books 2 is still referenced by soft-deleted rows of fk_reviews", res.JSON["error"])
	mustCall(t, h, "DELETE", "/api/fk_books/1", "", 204)
	assert.Equal(t, 1.0, mustCall(t, h, "GET", "/api/fk_books", "", 200).JSON["total"])
}
