package router_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4/router"
)

type widget struct {
	Name string `json:"name"`
}

func TestDocsOptions(t *testing.T) {
	rt := router.New()
	r := rt.Post("/widgets", echo("x"),
		router.Accepts(&widget{}), router.Returns(201, widget{}), router.Returns(201, []widget{}, "Made", "twice"),
		router.Returns(204, nil), router.Fails(409, "Taken"), router.Query("q", router.ParamString, "Words"),
		router.QueryRequired("n", router.ParamInt, "How many"), router.Explain("Long text."))
	d := r.Docs
	assert.Equal(t, reflect.TypeFor[widget](), d.Request, "request %v, description %q", d.Request, d.Description)
	assert.Equal(t, "Long text.", d.Description, "request %v, description %q", d.Request, d.Description)
	want := []router.DocResponse{
		{Status: 201, Body: reflect.TypeFor[[]widget](), Description: "Made twice"},
		{Status: 204, Description: "No Content"},
		{Status: 409, Error: true, Description: "Taken"},
	}
	assert.Equal(t, want, d.Responses, "responses")
	wantQ := []router.DocQuery{{Name: "q", Type: router.ParamString, Description: "Words"}, {Name: "n", Type: router.ParamInt, Required: true, Description: "How many"}}
	assert.Equal(t, wantQ, d.Query, "query")
	plain := rt.Get("/plain", echo("y"))
	assert.Equal(t, router.Docs{}, plain.Docs, "undocumented route has docs")
}

func TestDocsOptionPanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"Accepts(nil)":       func() { router.Accepts(nil) },
		"Returns(42)":        func() { router.Returns(42, nil) },
		"Fails(200)":         func() { router.Fails(200, "ok") },
		"Query path":         func() { router.Query("p", router.ParamPath, "") },
		"Query without name": func() { router.Query("", router.ParamInt, "") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				assert.False(t, recover() == nil, "no panic")
			}()
			fn()
		})
	}
}

// A route documents its body, answers and query parameters for the OpenAPI
// document at /swagger.
func ExampleReturns() {
	type product struct {
		Name  string  `json:"name"`
		Price float64 `json:"price"`
	}
	rt := router.New()
	r := rt.Post("/api/products", echo("created"),
		router.Describe("Create a product", "products"),
		router.Accepts(product{}),
		router.Returns(201, product{}, "The new product"),
		router.Fails(400, "The product is not valid"))
	for _, res := range r.Docs.Responses {
		fmt.Println(res.Status, res.Body, res.Error, res.Description)
	}
	// Output:
	// 201 router_test.product false The new product
	// 400 <nil> true The product is not valid
}
