package router_test

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The router's JSONEncoder reaches res.JSON in every handler it serves.
func TestRouterJSONEncoder(t *testing.T) {
	r := router.New()
	r.Get("/v", func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]int{"a": 1}, 200)
	})
	get := func() string {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", "/v", nil))
		return w.Body.String()
	}
	assert.Equal(t, `{"a":1}`+"\n", get())
	r.JSONEncoder = response.EncoderFunc(func(dst []byte, v any) ([]byte, bool, error) {
		return append(dst, `"encoded"`...), true, nil
	})
	assert.Equal(t, `"encoded"`+"\n", get())
}
