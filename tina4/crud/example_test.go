package crud_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Product is the model of the Register example.
type Product struct {
	ID    int64  `db:"id"`
	Name  string `db:"name" validate:"required"`
	Price int    `db:"price" validate:"min=0"`
}

func (Product) TableName() string { return "example_products" }

// Invoice is the model of the Configure example.
type Invoice struct {
	ID     int64  `db:"id"`
	Number string `db:"number" validate:"required"`
}

func (Invoice) TableName() string { return "example_invoices" }

// Customer is the model of the Discover example.
type Customer struct {
	ID   int64  `db:"id"`
	Name string `db:"name" validate:"required"`
}

func (Customer) TableName() string { return "example_customers" }

// exampleServer starts r on an httptest server whose requests run on a
// private in-memory SQLite database holding the table of model T.
func exampleServer[T any](r *router.Router) (*httptest.Server, func()) {
	db, err := orm.Open("sqlite::memory:")
	if err != nil {
		panic(err)
	}
	if err := orm.CreateTable[T](orm.WithDB(context.Background(), db)); err != nil {
		panic(err)
	}
	r.Use(withDB(db))
	srv := httptest.NewServer(r)
	return srv, func() { srv.Close(); db.Close() }
}

// send makes one request to srv and prints the status and the body.
func send(srv *httptest.Server, method, path, body string, header ...string) {
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range header {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	fmt.Println(strings.TrimSpace(fmt.Sprint(method, " ", path, " ", res.StatusCode, " ", strings.TrimSpace(string(b)))))
}

// Register serves one model: a list, a create and, per row, a get, an update
// and a delete, with validation and JSON errors.
func ExampleRegister() {
	r := router.New()
	crud.Register[Product](r, crud.DefaultPrefix)
	srv, done := exampleServer[Product](r)
	defer done()

	send(srv, "POST", "/api/example_products", `{"name":"Lamp","price":25}`)
	send(srv, "POST", "/api/example_products", `{"price":-1}`)
	send(srv, "PATCH", "/api/example_products/1", `{"price":30}`)
	send(srv, "GET", "/api/example_products?price__gt=10", "")
	send(srv, "DELETE", "/api/example_products/1", "")
	send(srv, "GET", "/api/example_products/1", "")
	// Output:
	// POST /api/example_products 201 {"id":1,"name":"Lamp","price":25}
	// POST /api/example_products 400 {"error":"Validation failed","detail":["name: This field is required","price: Must be at least 0"]}
	// PATCH /api/example_products/1 200 {"id":1,"name":"Lamp","price":30}
	// GET /api/example_products?price__gt=10 200 {"data":[{"id":1,"name":"Lamp","price":30}],"total":1,"limit":10,"skip":0}
	// DELETE /api/example_products/1 204
	// GET /api/example_products/1 404 {"error":"Not found"}
}

// Configure sets a model's options wherever it is mounted: here only a
// caller with a token may write invoices, while anyone may read them.
func ExampleConfigure() {
	crud.Configure[Invoice](crud.SecuredWrites())

	r := router.New()
	r.Auth = func(req *http.Request) (map[string]any, error) {
		if req.Header.Get("Authorization") == "Bearer s3cret" {
			return map[string]any{"sub": "clerk"}, nil
		}
		return nil, errors.New("no valid token")
	}
	crud.Register[Invoice](r, "/api")
	srv, done := exampleServer[Invoice](r)
	defer done()

	send(srv, "POST", "/api/example_invoices", `{"number":"INV-1"}`)
	send(srv, "POST", "/api/example_invoices", `{"number":"INV-1"}`, "Authorization: Bearer s3cret")
	send(srv, "GET", "/api/example_invoices/1", "")
	// Output:
	// POST /api/example_invoices 401 {"error":"Unauthorized"}
	// POST /api/example_invoices 201 {"id":1,"number":"INV-1"}
	// GET /api/example_invoices/1 200 {"id":1,"number":"INV-1"}
}

// Discover mounts every model registered with the ORM that the router does
// not serve yet; models are registered in init() beside their type.
func ExampleDiscover() {
	orm.Register[Customer]() // usually in the model file's init()

	r := router.New()
	mounted := crud.Discover(r, "/api")
	served := false
	for _, m := range mounted {
		served = served || m.Table() == "example_customers"
	}
	fmt.Println("customers served:", served)

	srv, done := exampleServer[Customer](r)
	defer done()
	send(srv, "POST", "/api/example_customers", `{"name":"Ada"}`)
	send(srv, "GET", "/api/example_customers", "")
	// Output:
	// customers served: true
	// POST /api/example_customers 201 {"id":1,"name":"Ada"}
	// GET /api/example_customers 200 {"data":[{"id":1,"name":"Ada"}],"total":1,"limit":10,"skip":0}
}
