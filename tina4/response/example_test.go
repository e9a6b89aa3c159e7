package response_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
)

func ExampleResponse_JSON() {
	rec := httptest.NewRecorder()
	res := response.New(rec, httptest.NewRequest("GET", "/api/notes/1", nil))
	_ = res.JSON(map[string]any{"id": 1, "title": "<hello>"}, 200)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Print(rec.Body.String())
	// Output:
	// 200 application/json; charset=utf-8
	// {"id":1,"title":"<hello>"}
}

func ExampleWriteError() {
	rec := httptest.NewRecorder()
	err := fmt.Errorf("find note 7: %w", errkind.New(errkind.NotFound, "Note not found"))
	response.WriteError(rec, nil, err)
	fmt.Println(rec.Code)
	fmt.Print(rec.Body.String())
	// Output:
	// 404
	// {"error":"find note 7: Note not found"}
}

func ExampleStatusOf() {
	fmt.Println(response.StatusOf(errkind.New(errkind.Conflict, "email taken")))
	fmt.Println(response.StatusOf(fmt.Errorf("plain")))
	// Output:
	// 409
	// 500
}

func ExampleResponse_Error() {
	rec := httptest.NewRecorder()
	res := response.New(rec, httptest.NewRequest("POST", "/api/notes", nil))
	_ = res.Error(errkind.New(errkind.Invalid, "title is required"))
	fmt.Println(rec.Code)
	fmt.Print(rec.Body.String())
	// Output:
	// 400
	// {"error":"title is required"}
}

func ExampleResponse_JSONBytes() {
	rec := httptest.NewRecorder()
	res := response.New(rec, httptest.NewRequest("GET", "/api/notes/1", nil))
	_ = res.JSONBytes([]byte(`{"id":1,"title":"Dune"}`), 0)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Length"))
	fmt.Print(rec.Body.String())
	// Output:
	// 200 application/json; charset=utf-8 24
	// {"id":1,"title":"Dune"}
}
