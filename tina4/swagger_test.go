package tina4_test

import (
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/openapi"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// /swagger is served with TINA4_SWAGGER or TINA4_DEBUG, and is a 404
// otherwise.
func TestSwaggerSwitch(t *testing.T) {
	tests := []struct {
		debug, swagger bool
		want           int
	}{
		{false, false, 404},
		{false, true, 200},
		{true, false, 200},
		{true, true, 200},
	}
	for _, tt := range tests {
		t.Run("", func(t *testing.T) {
			r := router.New()
			r.Get("/hello/{name}", func(req *router.Request, res *response.Response) error {
				return res.Text("hi", 200)
			}, router.Describe("Say hello", "greetings"))
			cfg := tina4.DefaultConfig()
			cfg.DatabaseURL = "sqlite:///" + filepath.Join(t.TempDir(), "app.db")
			cfg.Router, cfg.Debug, cfg.Swagger = r, tt.debug, tt.swagger
			cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
			app, err := tina4.New(cfg)
			require.NoError(t, err)
			defer app.Close()
			h := app.Handler()
			for _, path := range []string{"/swagger", "/swagger/openapi.json", "/swagger/swagger-ui.css"} {
				code, body := get(t, h, "GET", path, "")
				assert.Equal(t, tt.want, code, "debug=%v swagger=%v: GET %s: %d %.80s", tt.debug, tt.swagger, path, code, body)
			}
			if tt.want != 200 {
				return
			}
			_, doc := get(t, h, "GET", "/swagger/openapi.json", "")
			for _, want := range []string{`"/api/widgets"`, `"/api/widgets/{id}"`, `"/health"`, `"/hello/{name}"`, `"Say hello"`} {
				assert.Contains(t, doc, want, "document lacks")
			}
			assert.NoError(t, openapi.Validate([]byte(doc)))
			// A second App on the same router keeps the first one's /swagger.
			cfg.DatabaseURL = "sqlite:///" + filepath.Join(t.TempDir(), "second.db")
			second, err := tina4.New(cfg)
			require.NoError(t, err)
			second.Close()
		})
	}
}
