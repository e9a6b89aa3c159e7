package tina4_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

type widget struct {
	ID   int64  `db:"id"`
	Name string `db:"name" validate:"required"`
}

func (widget) TableName() string { return "widgets" }

func init() { orm.Register[widget]() }

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer = apptest.Buffer

// newApp builds an App on a fresh router and a temporary SQLite file, with
// a 64-byte body limit; opts change the settings before New.
func newApp(tb testing.TB, r *router.Router, opts ...func(*tina4.Config)) (*tina4.App, *syncBuffer) {
	tb.Helper()
	return newAppWith(tb, r, func(c *tina4.Config) {
		c.MaxBodyBytes = 64
		for _, o := range opts {
			o(c)
		}
	})
}

func get(tb testing.TB, h http.Handler, method, path, body string) (int, string) {
	tb.Helper()
	w := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	h.ServeHTTP(w, req)
	return w.Code, w.Body.String()
}

func TestAppServesHealthAutoCrudAndCustomRoutes(t *testing.T) {
	r := router.New()
	r.Get("/api/widgets/{id:int}", func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]any{"custom": req.Int("id")}, 200)
	})
	app, logs := newApp(t, r)
	h := app.Handler()
	tests := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/health", "", 200, `{"status":"ok","database":"ok"}`},
		{"POST", "/api/widgets", `{"name":"cog"}`, 201, `{"id":1,"name":"cog"}`},
		{"GET", "/api/widgets", "", 200, `{"data":[{"id":1,"name":"cog"}],"total":1,"limit":10,"skip":0}`},
		{"GET", "/api/widgets/1", "", 200, `{"custom":1}`},
		{"PUT", "/api/widgets/1", `{"name":"gear"}`, 200, `{"id":1,"name":"gear"}`},
		{"POST", "/api/widgets", `{"name":"` + strings.Repeat("x", 100) + `"}`, 413, `{"error":"request body is larger than 64 bytes"}`},
		{"GET", "/nope", "", 404, `{"error":"Not found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			status, body := get(t, h, tt.method, tt.path, tt.body)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.want, strings.TrimSpace(body))
		})
	}
	assert.Contains(t, logs.String(), `"msg":"request","method":"POST","path":"/api/widgets","status":201`, "request log missing")
	assert.Same(t, app.DB(), orm.Default(), "the App's database is not the ORM default")
}

// Two Apps in one process each use their own database.
func TestAppsKeepTheirOwnDatabase(t *testing.T) {
	a, _ := newApp(t, router.New())
	b, _ := newApp(t, router.New())
	get(t, a.Handler(), "POST", "/api/widgets", `{"name":"a"}`)
	_, body := get(t, b.Handler(), "GET", "/api/widgets", "")
	assert.Contains(t, body, `"total":0`, "b sees a's rows")
}

func TestNewOnSameRouterTwice(t *testing.T) {
	r := router.New()
	newApp(t, r)
	app, _ := newApp(t, r) // AutoCrud and /health are not registered again
	status, _ := get(t, app.Handler(), "GET", "/health", "")
	assert.Equal(t, 200, status, "health")
}

func TestNewBadDatabase(t *testing.T) {
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = "oracle://nope"
	cfg.Router = router.New()
	_, err := tina4.New(cfg)
	assert.Error(t, err, "no error for an unsupported database")
}

func TestHealthDatabaseDown(t *testing.T) {
	app, _ := newApp(t, router.New())
	app.DB().Close()
	status, body := get(t, app.Handler(), "GET", "/health", "")
	assert.Equal(t, 503, status)
	assert.Contains(t, body, `"database":"unavailable"`)
}

func TestServeAndGracefulShutdown(t *testing.T) {
	r := router.New()
	release := make(chan struct{})
	r.Get("/slow", func(req *router.Request, res *response.Response) error {
		<-release
		return res.JSON(map[string]string{"done": "yes"}, 200)
	})
	app, _ := newApp(t, r)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- app.ServeListener(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	resp, err := http.Get(base + "/health")
	require.NoError(t, err)
	var h map[string]string
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	require.Equal(t, "ok", h["status"], "health")

	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- string(b)
	}()
	time.Sleep(100 * time.Millisecond) // the slow request is in flight
	cancel()
	time.Sleep(50 * time.Millisecond)
	close(release)
	got := <-slow
	assert.Contains(t, got, `"done":"yes"`, "request in flight during shutdown")
	err = <-served
	assert.NoError(t, err, "ServeListener")
	_, err = http.Get(base + "/health")
	assert.Error(t, err, "still serving after shutdown")
}
