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
	router.Post("/api/posts", createPost, router.Public(), router.Describe("Create a post", "blog"),
		router.Accepts(models.BlogPost{}), router.Returns(201, postCreated{}), router.Returns(400, invalidBody{}),
		router.Fails(404, "Author not found"))
	router.Get("/api/posts", listPosts, paged(router.Public(), router.Describe("List published posts with their authors", "blog"),
		router.Returns(200, postList{}, `A page of the published posts, newest first, each with "author": {"id", "name"}.`),
		router.Fails(400, "limit, skip or offset is not valid"))...)
	router.Get("/api/posts/{id:int}", getPost, router.Public(), router.Describe("Get a post with its author and comments", "blog"),
		router.Returns(200, map[string]any{}, `The post's columns with "author", "comments" and "comment_count".`),
		router.Fails(404, "Post not found"))
}

// createPost answers 404 {"error": "Author not found"} when author_id names
// no author, 400 {"errors": [...]} when the post is invalid, else 201
// {"post": {...}}.
func createPost(req *router.Request, res *response.Response) error {
	ctx := req.Context()
	var p models.BlogPost
	if err := crud.Bind(req, &p); err != nil {
		return err
	}
	a, err := orm.Find[models.Author](ctx, p.Author.ID)
	if err != nil {
		return err
	}
	if a == nil {
		return response.NotFound("Author not found")
	}
	return saveNew(req, res, "post", &p)
}

// listPosts answers {"posts": [...], "count": n, "total": n, "limit": n,
// "skip": n}: a page of the published posts (limit and skip as AutoCrud's
// list), newest first, each with "author": {"id", "name"}. Include loads
// the authors in one query for the whole page, not one per post.
func listPosts(req *router.Request, res *response.Response) error {
	ctx := req.Context()
	p, err := readPage(req)
	if err != nil {
		return err
	}
	posts, total, err := pageOf(orm.Query[models.BlogPost](ctx).Apply(models.Published, models.Newest).Include("author"), p)
	if err != nil {
		return err
	}
	data, err := dicts(posts)
	if err != nil {
		return err
	}
	for i, p := range posts {
		data[i]["author"] = nil
		if a := p.Author.Loaded(); a != nil {
			if data[i]["author"], err = orm.ToDict(a, "id", "name"); err != nil {
				return err
			}
		}
	}
	return res.JSON(postList{Posts: data, Count: len(data), Total: total, Limit: p.limit, Skip: p.skip}, http.StatusOK)
}

// getPost answers the post with "author", "comments" and "comment_count",
// or 404 {"error": "Post not found"}.
func getPost(req *router.Request, res *response.Response) error {
	ctx := req.Context()
	p, err := orm.Find[models.BlogPost](ctx, req.Int("id"), orm.Include("author", "comments"))
	if err != nil {
		return err
	}
	if p == nil {
		return response.NotFound("Post not found")
	}
	data, err := orm.ToDict(p) // with "author" and "comments", loaded above
	if err != nil {
		return err
	}
	comments, _ := p.Comments.Loaded()
	data["comment_count"] = len(comments)
	return res.JSON(data, http.StatusOK)
}
