package openapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/openapi"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The test models cover every kind, the validation rules the document
// describes, hidden and read-only columns, soft delete and relations.
// newRouter serves them, with custom routes beside them.
type shelf struct {
	ID    int64             `db:"id"`
	Label string            `db:"label" validate:"required,min=2,max=40"`
	Books orm.HasMany[book] `fk:"shelf_id"`
}

func (shelf) TableName() string { return "shelves" }

type book struct {
	ID        int64                 `db:"id"`
	Shelf     orm.ForeignKey[shelf] `db:"shelf_id" validate:"required"`
	Title     string                `db:"title" validate:"required,max=200"`
	ISBN      string                `db:"isbn,unique" regex:"^\\d{3}-\\d{10}$"`
	Genre     string                `db:"genre" default:"novel" validate:"omitempty,oneof=novel poetry 'short stories'"`
	Pages     int32                 `db:"pages" validate:"gte=0,lte=5000"`
	Price     *float64              `db:"price" validate:"omitempty,gt=0"`
	Email     string                `db:"email" validate:"omitempty,email"`
	Read      bool                  `db:"read"`
	Cover     []byte                `db:"cover"`
	Secret    string                `db:"secret,hidden"`
	Stock     uint16                `db:"stock,readonly"`
	DueAt     *time.Time            `db:"due_at"`
	CreatedAt time.Time             `db:"created_at,auto_now_add"`
	UpdatedAt time.Time             `db:"updated_at,auto_now"`
	orm.SoftDeletes
}

func (book) TableName() string { return "books" }

// account has a hidden column clients must set (password) and one they
// never see nor set (token).
type account struct {
	ID       int64  `db:"id"`
	Name     string `db:"name" validate:"required"`
	Password string `db:"password,hidden" validate:"required"`
	Token    string `db:"token,hidden,readonly"`
}

func (account) TableName() string { return "zz_accounts" }

func init() {
	orm.Register[shelf]()
	orm.Register[book]()
	orm.Register[account]()
}

// bookCreated is a custom route's answer.
type bookCreated struct {
	Book    book     `json:"book"`
	Notes   []string `json:"notes,omitempty"`
	Counter int      `json:"counter"`
	skipped int
}

var _ = bookCreated{}.skipped

// newRouter serves AutoCrud for the test models under /api, on a fresh
// SQLite file, with custom routes beside it.
func newRouter(tb testing.TB) *router.Router {
	tb.Helper()
	db, err := orm.Open("sqlite:///" + filepath.Join(tb.TempDir(), "openapi.db"))
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	err = orm.CreateTables(orm.WithDB(context.Background(), db))
	require.NoError(tb, err)
	r := router.New()
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			next.ServeHTTP(w, req.WithContext(orm.WithDB(req.Context(), db)))
		})
	})
	ok := func(req *router.Request, res *response.Response) error { return res.JSON(map[string]int{"ok": 1}, 200) }
	r.Get("/api/books/{id:int}", ok, router.Describe("Get a book, custom", "custom"),
		router.Returns(200, book{}), router.Returns(404, nil, "No such book"))
	r.Post("/api/shelves/{id:int}/books", ok, router.Describe("Shelve a book", "custom"),
		router.Accepts(&book{}), router.Returns(201, bookCreated{}), router.Secured())
	r.Get("/api/search/{term}/{score:float}", ok, router.Query("limit", router.ParamInt, "At most this many"),
		router.QueryRequired("q", router.ParamString, "Words"), router.Explain("Searches *everything*."))
	r.Get("/files/{rest:path}", ok)
	r.Handle("PROPFIND", "/dav", http.NotFoundHandler())
	// beside AutoCrud's /api/zz_accounts/{id}, under another name
	r.Get("/api/zz_accounts/{accountId:int}", ok, router.Describe("Get an account, custom", "custom"))
	crud.Discover(r, "/api")
	return r
}

// document builds the document of r as parsed JSON, and its bytes.
func document(tb testing.TB, r *router.Router) (map[string]any, []byte) {
	tb.Helper()
	b, err := json.Marshal(openapi.Build(r, openapi.Info{Title: "Test", Version: "1"}))
	require.NoError(tb, err)
	var doc map[string]any
	err = json.Unmarshal(b, &doc)
	require.NoError(tb, err)
	return doc, b
}

// at digs a value out of decoded JSON by "|"-separated keys (paths hold
// slashes).
func at(v any, path string) any {
	for _, k := range strings.Split(path, "|") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// send makes one request and returns the recorder.
func send(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	h.ServeHTTP(w, req)
	return w
}

// checkBody checks a request body against the component schema name of the
// document doc, as a client following the document would.
func checkBody(doc []byte, name, body string) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("urn:test:doc", inst); err != nil {
		return err
	}
	sch, err := c.Compile("urn:test:doc#/components/schemas/" + name)
	if err != nil {
		return err
	}
	val, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		return err
	}
	return sch.Validate(val)
}
