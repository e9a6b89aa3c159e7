package routes

import models "github.com/tina4stack/tina4-go/app/src/orm"

// The answers of the custom routes, as types for their documentation
// (router.Returns): the OpenAPI document at /swagger describes each route
// with them, and the example app's tests check real answers against it.

// invalidBody is a 400: {"errors": [...]} when the record fails validation
// (the chapter's shape), or {"error": ...} when the body is not a JSON
// object of the model's columns.
type invalidBody struct {
	Errors []string `json:"errors,omitempty"`
	Error  string   `json:"error,omitempty"`
	Detail []string `json:"detail,omitempty"`
}

type authorCreated struct {
	Author models.Author `json:"author"`
}

type postCreated struct {
	Post models.BlogPost `json:"post"`
}

type commentCreated struct {
	Comment models.Comment `json:"comment"`
}

type productCreated struct {
	Product models.Product `json:"product"`
}

// postList is the answer of GET /api/posts: each post's columns with
// "author": {"id", "name"}, the number on the page (count), and the page
// as AutoCrud's list gives it (total, limit, skip).
type postList struct {
	Posts []map[string]any `json:"posts"`
	Count int              `json:"count"`
	Total int              `json:"total"`
	Limit int              `json:"limit"`
	Skip  int              `json:"skip"`
}

// scopedPosts is the answer of the scope routes: a page of posts.
type scopedPosts struct {
	Posts []models.BlogPost `json:"posts"`
	Total int               `json:"total"`
	Limit int               `json:"limit"`
	Skip  int               `json:"skip"`
}
