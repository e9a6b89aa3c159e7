package routes

import (
	"net/http"

	models "github.com/tina4stack/tina4-go/app/src/orm"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// maxRecentDays bounds ?days= of /api/posts/recent.
const maxRecentDays = 36500

func init() {
	router.Get("/api/posts/published", publishedPosts, paged(router.Public(), router.Describe("Published posts (scope)", "blog"),
		router.Returns(200, scopedPosts{}), router.Fails(400, "limit, skip or offset is not valid"))...)
	router.Get("/api/posts/recent", recentPosts, paged(router.Public(), router.Describe("Posts of the last ?days=N days (scope)", "blog"),
		router.Query("days", router.ParamInt, "How many days back, from 1 to 36500; default 7."),
		router.Returns(200, scopedPosts{}), router.Fails(400, "days is not a whole number from 1 to 36500, or limit, skip or offset is not valid"))...)
}

// publishedPosts answers {"posts": [...], "total": n, "limit": n, "skip":
// n}: a page of the Published scope.
func publishedPosts(req *router.Request, res *response.Response) error {
	p, err := readPage(req)
	if err != nil {
		return err
	}
	posts, total, err := pageOf(orm.Query[models.BlogPost](req.Context()).Apply(models.Published, models.Newest), p)
	if err != nil {
		return err
	}
	return postsPage(res, posts, total, p)
}

// postsPage answers a page of posts.
func postsPage(res *response.Response, posts []models.BlogPost, total int, p page) error {
	return res.JSON(map[string]any{"posts": orm.Dicts(posts), "total": total, "limit": p.limit, "skip": p.skip}, http.StatusOK)
}

// recentPosts answers a page of the Recent scope, as publishedPosts; days
// defaults to 7 and must be a whole number from 1 to 36500, else 400.
func recentPosts(req *router.Request, res *response.Response) error {
	days, err := req.QueryInt("days", 7)
	if err != nil {
		return err
	}
	if days < 1 || days > maxRecentDays {
		return response.BadRequest("days must be from 1 to 36500")
	}
	p, err := readPage(req)
	if err != nil {
		return err
	}
	posts, total, err := pageOf(orm.Query[models.BlogPost](req.Context()).Apply(models.Recent(days), models.Newest), p)
	if err != nil {
		return err
	}
	return postsPage(res, posts, total, p)
}
