package crud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// writer and book declare their relation with the ORM's types.
type writer struct {
	ID    int64             `db:"id"`
	Name  string            `db:"name" validate:"required"`
	Books orm.HasMany[book] `fk:"writer_id"`
}

func (writer) TableName() string { return "writers" }

type book struct {
	ID     int64                  `db:"id"`
	Writer orm.ForeignKey[writer] `db:"writer_id" related_name:"books"`
	Title  string                 `db:"title" validate:"required"`
}

func (book) TableName() string { return "books" }

func init() {
	orm.Register[writer]()
	orm.Register[book]()
}

func TestDeclaredRelations(t *testing.T) { dbtest.Each(t, testDeclaredRelations) }

func testDeclaredRelations(t *testing.T) {
	h := newServer(t)
	mustCall(t, h, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
	res := mustCall(t, h, "POST", "/api/books", `{"writer_id":1,"title":"The Dispossessed"}`, 201)
	assert.Equal(t, 1.0, res.JSON["writer_id"], "create: %s", res.Body)
	mustCall(t, h, "POST", "/api/books", `{"writer_id":"one","title":"x"}`, 400)
	mustCall(t, h, "POST", "/api/books", `{"writer_id":7,"title":"x"}`, 409)
	mustCall(t, h, "PATCH", "/api/books/1", `{"writer_id":1,"title":"The Left Hand of Darkness"}`, 200)

	books := mustCall(t, h, "GET", "/api/books?include=writer", "", 200)
	w, _ := data(t, books)[0]["writer"].(map[string]any)
	assert.Equal(t, "Ursula", w["name"], "include=writer: %s", books.Body)
	writers := mustCall(t, h, "GET", "/api/writers?include=books", "", 200)
	list, _ := data(t, writers)[0]["books"].([]any)
	assert.Len(t, list, 1, "include=books: %s", writers.Body)
	plain := mustCall(t, h, "GET", "/api/books", "", 200)
	assert.Equal(t, nil, data(t, plain)[0]["writer"], "relation shown without include: %s", plain.Body)
	mustCall(t, h, "DELETE", "/api/writers/1", "", 409)
}
