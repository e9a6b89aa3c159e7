package tina4_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// New builds an App from a Config: it opens the database, brings the schema
// to the models, mounts AutoCrud and /health beside the router's own routes,
// and returns the App whose Handler serves them all.
func ExampleNew() {
	r := router.New()
	r.Get("/hello/{name}", func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]string{"hello": req.Param("name")}, http.StatusOK)
	})

	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = "sqlite::memory:"
	cfg.MigrationsDir = filepath.Join(os.TempDir(), "tina4-example-no-migrations")
	cfg.Router = r
	cfg.Logger = slog.New(slog.DiscardHandler)
	app, err := tina4.New(cfg)
	if err != nil {
		panic(err)
	}
	defer app.Close()

	for _, path := range []string{"/hello/ada", "/missing", "/health"} {
		w := httptest.NewRecorder()
		app.Handler().ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		body := strings.TrimSpace(w.Body.String())
		if path == "/health" {
			body = "" // its timings vary
		}
		fmt.Println(strings.TrimSpace(fmt.Sprint(path, " ", w.Code, " ", body)))
	}
	// Output:
	// /hello/ada 200 {"hello":"ada"}
	// /missing 404 {"error":"Not found"}
	// /health 200
}

// LoadConfig reads the settings from a .env file (and the environment,
// which wins) over DefaultConfig.
func ExampleLoadConfig() {
	dir, err := os.MkdirTemp("", "tina4-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	env := filepath.Join(dir, ".env")
	if err := os.WriteFile(env, []byte("TINA4_AUTOCRUD_PREFIX=/v1\nTINA4_API_TITLE=Shop API\n"), 0o600); err != nil {
		panic(err)
	}
	// LoadConfig sets the file's variables in the process environment.
	defer os.Unsetenv("TINA4_AUTOCRUD_PREFIX")
	defer os.Unsetenv("TINA4_API_TITLE")

	cfg, err := tina4.LoadConfig(env)
	if err != nil {
		panic(err)
	}
	fmt.Println(cfg.CrudPrefix, cfg.APITitle, cfg.CrudDefaultLimit)
	// Output: /v1 Shop API 10
}
