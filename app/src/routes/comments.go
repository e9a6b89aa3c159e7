package routes

import (
	models "github.com/tina4stack/tina4-go/app/src/orm"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func init() {
	router.Post("/api/posts/{id:int}/comments", addComment, router.Public(), router.Describe("Add a comment to a post", "blog"),
		router.Explain("The comment belongs to the post in the path, whatever post_id the body holds."),
		router.Accepts(models.Comment{}), router.Returns(201, commentCreated{}), router.Returns(400, invalidBody{}),
		router.Fails(404, "Post not found"))
}

// addComment answers 404 {"error": "Post not found"}, 400 {"errors": [...]}
// or 201 {"comment": {...}}. The comment belongs to the post in the path,
// whatever post_id the body holds.
func addComment(req *router.Request, res *response.Response) error {
	ctx := req.Context()
	p, err := orm.Find[models.BlogPost](ctx, req.Int("id"))
	if err != nil {
		return err
	}
	if p == nil {
		return response.NotFound("Post not found")
	}
	var c models.Comment
	if err := crud.Bind(req, &c); err != nil {
		return err
	}
	c.Post.SetID(p.ID)
	return saveNew(req, res, "comment", &c)
}
