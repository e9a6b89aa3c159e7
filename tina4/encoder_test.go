package tina4_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// encAuthor and encBook have hidden columns and a relation each way.
type encAuthor struct {
	ID       int64                `db:"id"`
	FullName string               `db:"full_name" validate:"required"`
	Password string               `db:"password,hidden"`
	Books    orm.HasMany[encBook] `fk:"author_id"`
}

func (encAuthor) TableName() string { return "enc_authors" }

type encBook struct {
	ID     int64                     `db:"id"`
	Author orm.ForeignKey[encAuthor] `db:"author_id"`
	Title  string                    `db:"title" validate:"required"`
	Stamp  string                    `db:"stamp,hidden"`
}

func (encBook) TableName() string { return "enc_books" }

func init() {
	orm.Register[encAuthor]()
	orm.Register[encBook]()
}

// Whatever a custom route hands res.JSON (a model, a pointer, slices of
// either, maps and structs holding them, in any-typed slots too) answers
// with AutoCrud's JSON for each model: column keys, hidden columns left out,
// loaded relations embedded. Other values encode as before.
func TestCustomRoutesAnswerModelsAsAutoCrud(t *testing.T) {
	dbtest.Each(t, testCustomRoutesAnswerModels)
}

func testCustomRoutesAnswerModels(t *testing.T) {
	type page struct {
		Data  []*encBook `json:"data"`
		Total int        `json:"total"`
	}
	type envelope struct {
		Result any `json:"result"`
	}
	type embedding struct {
		encBook
		Extra int
	}
	shapes := map[string]func(a *encAuthor, books []encBook) any{
		"model":            func(a *encAuthor, _ []encBook) any { return *a },
		"pointer":          func(a *encAuthor, _ []encBook) any { return a },
		"slice":            func(_ *encAuthor, b []encBook) any { return b },
		"slice of ptr":     func(_ *encAuthor, b []encBook) any { return []*encBook{&b[0], &b[1]} },
		"map":              func(a *encAuthor, b []encBook) any { return map[string]any{"author": a, "books": b, "n": 2} },
		"struct":           func(_ *encAuthor, b []encBook) any { return page{Data: []*encBook{&b[0]}, Total: 1} },
		"struct any field": func(a *encAuthor, _ []encBook) any { return envelope{Result: []any{a}} },
		"plain":            func(*encAuthor, []encBook) any { return map[string]any{"ok": true, "html": "<b>"} },
		"embedded model":   func(_ *encAuthor, b []encBook) any { return embedding{encBook: b[0]} },
	}
	r := router.New()
	r.Get("/shape/{name}", func(req *router.Request, res *response.Response) error {
		a, err := orm.Find[encAuthor](req.Context(), 1, orm.Include("books"))
		if err != nil {
			return err
		}
		books, err := orm.Query[encBook](req.Context()).Include("author").OrderBy("id").Get()
		if err != nil {
			return err
		}
		return res.JSON(shapes[req.Param("name")](a, books), 200)
	})
	app, _ := newAppWith(t, r, func(c *tina4.Config) { c.DatabaseURL = dbtest.URL(t) })
	ctx := orm.WithDB(context.Background(), app.DB())
	a := &encAuthor{FullName: "Ada", Password: "pw-secret"}
	require.NoError(t, orm.Save(ctx, a))
	for _, title := range []string{"One", "Two"} {
		b := &encBook{Title: title, Stamp: "stamp-secret"}
		b.Author.SetID(a.ID)
		require.NoError(t, orm.Save(ctx, b))
	}
	h := app.Handler()
	// AutoCrud's own JSON for the same rows
	authorJSON := strings.TrimSpace(send(t, h, "GET", "/api/enc_authors?include=books", "").Body.String())
	booksJSON := strings.TrimSpace(send(t, h, "GET", "/api/enc_books?include=author", "").Body.String())
	var authorPage, bookPage struct{ Data []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(authorJSON), &authorPage))
	require.NoError(t, json.Unmarshal([]byte(booksJSON), &bookPage))
	require.Len(t, authorPage.Data, 1)
	require.Len(t, bookPage.Data, 2)
	aj, b0, b1 := string(authorPage.Data[0]), string(bookPage.Data[0]), string(bookPage.Data[1])
	assert.Contains(t, aj, `"full_name":"Ada"`)
	assert.Contains(t, aj, `"books":[`)
	assert.Contains(t, b0, `"author":{`)

	want := map[string]string{
		"model":            aj,
		"pointer":          aj,
		"slice":            "[" + b0 + "," + b1 + "]",
		"slice of ptr":     "[" + b0 + "," + b1 + "]",
		"map":              `{"author":` + aj + `,"books":[` + b0 + "," + b1 + `],"n":2}`,
		"struct":           `{"data":[` + b0 + `],"total":1}`,
		"struct any field": `{"result":[` + aj + `]}`,
		"plain":            `{"html":"<b>","ok":true}`,
	}
	for name, body := range want {
		t.Run(name, func(t *testing.T) {
			w := send(t, h, "GET", "/shape/"+strings.ReplaceAll(name, " ", "%20"), "")
			require.Equal(t, 200, w.Code, w.Body.String())
			assert.Equal(t, body+"\n", w.Body.String())
			for _, leak := range []string{"secret", "FullName", "Password", "Stamp"} {
				assert.NotContains(t, w.Body.String(), leak)
			}
		})
	}
	t.Run("embedded model fails loudly", func(t *testing.T) {
		w := send(t, h, "GET", "/shape/embedded%20model", "")
		assert.Equal(t, 500, w.Code)
		assert.NotContains(t, w.Body.String(), "secret")
	})
}
