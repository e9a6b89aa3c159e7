package router_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// A handler returns response.NotFound, BadRequest, Conflict or Errorf and
// the router answers with that status and {"error": message}.
func TestHandlerReturnsHTTPError(t *testing.T) {
	quietLogs(t)
	tests := []struct {
		err    error
		status int
		body   string
	}{
		{response.NotFound("Author not found"), 404, `{"error":"Author not found"}`},
		{response.BadRequest("Bad year"), 400, `{"error":"Bad year"}`},
		{response.Conflict("Slug taken"), 409, `{"error":"Slug taken"}`},
		{fmt.Errorf("publish: %w", response.Errorf(422, "Post %d has no title", 3)), 422, `{"error":"Post 3 has no title"}`},
		{errors.New("disk on fire"), 500, `{"error":"Internal Server Error"}`},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			r := router.New()
			r.Get("/thing", func(req *router.Request, res *response.Response) error { return tt.err })
			rec := serve(t, r, "GET", "/thing", "")
			assert.Equal(t, tt.status, rec.Code)
			assert.JSONEq(t, tt.body, rec.Body.String())
			assert.Contains(t, rec.Header().Get("Content-Type"), "application/json")
		})
	}
}
