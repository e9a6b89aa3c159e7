package routes

import (
	models "github.com/tina4stack/tina4-go/app/src/orm"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func init() {
	router.Post("/api/products", createProduct, router.Public(), router.Describe("Create a product (section 11)", "products"),
		router.Accepts(models.Product{}), router.Returns(201, productCreated{}), router.Returns(400, invalidBody{}))
}

// createProduct validates a product and answers 400 {"errors": [...]} with
// every failing field, or 201 {"product": {...}}.
func createProduct(req *router.Request, res *response.Response) error {
	var p models.Product
	if err := crud.Bind(req, &p); err != nil {
		return err
	}
	return saveNew(req, res, "product", &p)
}
