package openapi_test

import (
	"encoding/json"
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/openapi"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// A custom route documents its body and answers with route options; Build
// turns them into the document that Mount serves at /swagger/openapi.json.
func ExampleBuild() {
	type greeting struct {
		Text string `json:"text"`
	}
	r := router.New()
	r.Get("/hello/{name}", func(req *router.Request, res *response.Response) error {
		return res.JSON(greeting{Text: "Hello " + req.Param("name")}, 200)
	}, router.Describe("Say hello", "greetings"), router.Returns(200, greeting{}), router.Fails(400, "A bad name"))

	doc := openapi.Build(r, openapi.Info{Title: "Greetings", Version: "1.0.0"})
	b, _ := json.Marshal(doc)
	fmt.Println(openapi.Validate(b))
	op := doc.Paths["/hello/{name}"].Get
	fmt.Println(op.OperationID, op.Summary, op.Parameters[0].Name)
	fmt.Println(op.Responses["200"].Content["application/json"].Schema.Ref)
	fmt.Println(op.Responses["400"].Content["application/json"].Schema.Ref)
	// Output:
	// <nil>
	// get_hello_name Say hello name
	// #/components/schemas/greeting
	// #/components/schemas/Error
}
