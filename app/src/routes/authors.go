package routes

import (
	"net/http"

	models "github.com/tina4stack/tina4-go/app/src/orm"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func init() {
	router.Post("/api/authors", createAuthor, router.Public(), router.Describe("Create an author", "blog"),
		router.Accepts(models.Author{}), router.Returns(201, authorCreated{}), router.Returns(400, invalidBody{}))
	router.Get("/api/authors/{id:int}", getAuthor, router.Public(), router.Describe("Get an author with their posts", "blog"),
		router.Returns(200, models.Author{}, `The author, with "posts".`), router.Fails(404, "Author not found"))
}

// createAuthor answers 201 {"author": {...}} or 400 {"errors": [...]}.
func createAuthor(req *router.Request, res *response.Response) error {
	var a models.Author
	if err := crud.Bind(req, &a); err != nil {
		return err
	}
	return saveNew(req, res, "author", &a)
}

// getAuthor answers the author with a "posts" list, or 404 {"error":
// "Author not found"}.
func getAuthor(req *router.Request, res *response.Response) error {
	ctx := req.Context()
	a, err := orm.Find[models.Author](ctx, req.Int("id"), orm.Include("posts"))
	if err != nil {
		return err
	}
	if a == nil {
		return response.NotFound("Author not found")
	}
	// a model answers as AutoCrud's JSON: column keys, "posts" loaded above
	return res.JSON(a, http.StatusOK)
}
