package response_test

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
)

func TestHTTPErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		body   string
		kind   errkind.Kind
	}{
		{"not found", response.NotFound("Author not found"), 404, `{"error":"Author not found"}`, errkind.NotFound},
		{"bad request", response.BadRequest("name: too short"), 400, `{"error":"name: too short"}`, errkind.Invalid},
		{"conflict", response.Conflict("Slug taken"), 409, `{"error":"Slug taken"}`, errkind.Conflict},
		{"errorf", response.Errorf(422, "%d rows are locked", 3), 422, `{"error":"3 rows are locked"}`, errkind.Invalid},
		{"errorf 429", response.Errorf(429, "Slow down"), 429, `{"error":"Slow down"}`, errkind.Internal},
		{"errorf 412", response.Errorf(412, "Stale"), 412, `{"error":"Stale"}`, errkind.PreconditionFailed},
		{"errorf 415", response.Errorf(415, "Send JSON"), 415, `{"error":"Send JSON"}`, errkind.Unsupported},
		{"errorf 5xx shows its message", response.Errorf(503, "Maintenance until 03:00"), 503, `{"error":"Maintenance until 03:00"}`, errkind.Unavailable},
		{"wrapped keeps status and message", fmt.Errorf("load author 7: %w", response.NotFound("Author not found")), 404, `{"error":"Author not found"}`, errkind.NotFound},
		{"errorf status out of range is a 500", response.Errorf(200, "fine"), 500, `{"error":"Internal Server Error"}`, errkind.Internal},
		{"plain error stays a 500", errors.New("x"), 500, `{"error":"Internal Server Error"}`, errkind.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			response.WriteError(rec, nil, tt.err)
			assert.Equal(t, tt.status, rec.Code)
			assert.JSONEq(t, tt.body, rec.Body.String())
			assert.Equal(t, tt.status, response.StatusOf(tt.err))
			assert.Equal(t, tt.kind, errkind.Of(tt.err))
		})
	}
}

func TestErrorfWraps(t *testing.T) {
	err := response.Errorf(409, "cannot archive: %w", fs.ErrExist)
	require.ErrorIs(t, err, fs.ErrExist)
	var he *response.HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 409, he.Status)
	assert.Equal(t, "cannot archive: file already exists", he.Error())
}

func ExampleNotFound() {
	// A handler returns the error; the router answers with it:
	//
	//	if author == nil {
	//		return response.NotFound("Author not found")
	//	}
	rec := httptest.NewRecorder()
	response.WriteError(rec, nil, response.NotFound("Author not found"))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 404 {"error":"Author not found"}
}

func ExampleBadRequest() {
	rec := httptest.NewRecorder()
	response.WriteError(rec, nil, response.BadRequest("year: want a number"))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 400 {"error":"year: want a number"}
}

func ExampleConflict() {
	rec := httptest.NewRecorder()
	response.WriteError(rec, nil, response.Conflict("A post with this slug exists"))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 409 {"error":"A post with this slug exists"}
}

func ExampleErrorf() {
	rec := httptest.NewRecorder()
	response.WriteError(rec, nil, response.Errorf(422, "Post %d is archived", 7))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 422 {"error":"Post 7 is archived"}
}
