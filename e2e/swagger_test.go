package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	_ "github.com/tina4stack/tina4-go/app/src/orm"
	_ "github.com/tina4stack/tina4-go/app/src/routes"
	"github.com/tina4stack/tina4-go/tina4"
)

// startApp serves the example app (its models and routes, on the default
// router, as main.go does) with Swagger on, from a temporary SQLite file, on
// a free loopback port, and returns its base URL.
func startApp(t *testing.T) string {
	t.Helper()
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = "sqlite:///" + filepath.Join(t.TempDir(), "app.db")
	cfg.Swagger = true
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	app, err := tina4.New(cfg)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.ServeListener(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		assert.NoError(t, <-done, "serve")
		app.Close()
	})
	return "http://" + ln.Addr().String()
}

// browser starts headless Chromium, or skips the test when it is not
// installed (fails under CI=true, where .ci/run installs it).
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		require.NotEqual(t, "true", os.Getenv("CI"), "chromium is not installed: apt-get install -y chromium")
		t.Skip("SKIP: chromium is not installed (apt-get install -y chromium); the browser test did not run")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 2000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// screenshot saves the page as a PNG beside the test's output, for a person
// to look at when a step fails.
func screenshot(t *testing.T, ctx context.Context) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	out := filepath.Join(os.TempDir(), "tina4-swagger-"+strings.ReplaceAll(t.Name(), "/", "_")+".png")
	if err := os.WriteFile(out, png, 0o644); err == nil {
		t.Logf("screenshot: %s", out)
	}
}

// run runs browser actions, failing the test with a screenshot on error.
func run(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		screenshot(t, ctx)
		require.Fail(t, fmt.Sprintf("%s: %v", step, err))
	}
}

// Swagger UI, loaded from the running example app, lists the AutoCrud and
// custom endpoints, and "Try it out" on GET /api/notes answers 200 with the
// list.
func TestSwaggerUI(t *testing.T) {
	base := startApp(t)
	res, err := http.Post(base+"/api/notes", "application/json",
		strings.NewReader(`{"title":"Shopping List","content":"Milk, eggs","category":"personal"}`))
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusCreated, res.StatusCode, "seeding a note")
	ctx := browser(t)

	var ops []string
	run(t, ctx, "load /swagger",
		chromedp.Navigate(base+"/swagger"),
		chromedp.WaitVisible(`.opblock`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.opblock-summary')).map(e =>
			e.querySelector('.opblock-summary-method').textContent + ' ' +
			e.querySelector('.opblock-summary-path').getAttribute('data-path'))`, &ops),
	)
	for _, want := range []string{
		"GET /api/notes", "POST /api/notes", "GET /api/notes/{id}", "PATCH /api/notes/{id}", "DELETE /api/tasks/{id}", // AutoCrud
		"POST /api/products", "GET /api/posts/{id}", "POST /api/posts/{id}/comments", "GET /api/posts/recent", "GET /health", // custom
	} {
		if !contains(ops, want) {
			screenshot(t, ctx)
			assert.Fail(t, fmt.Sprintf("the page does not list %s (it lists %d operations: %v)", want, len(ops), ops))
		}
	}

	const op = `#operations-notes-get_api_notes`
	var status, body string
	run(t, ctx, "try GET /api/notes",
		chromedp.Click(op+` .opblock-summary-control`, chromedp.ByQuery),
		chromedp.WaitVisible(op+` .try-out__btn`, chromedp.ByQuery),
		chromedp.Click(op+` .try-out__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(op+` .execute`, chromedp.ByQuery),
		chromedp.Click(op+` .execute`, chromedp.ByQuery),
		chromedp.WaitVisible(op+` .live-responses-table tbody .response-col_status`, chromedp.ByQuery),
		chromedp.Text(op+` .live-responses-table tbody .response-col_status`, &status, chromedp.ByQuery),
		chromedp.Text(op+` .live-responses-table tbody .response-col_description pre`, &body, chromedp.ByQuery),
	)
	if strings.TrimSpace(status) != "200" {
		screenshot(t, ctx)
		require.Fail(t, fmt.Sprintf("Try it out: status %q, body %s", status, body))
	}
	for _, want := range []string{`"data"`, `"Shopping List"`, `"total": 1`, `"skip": 0`} {
		if !strings.Contains(body, want) {
			screenshot(t, ctx)
			assert.Fail(t, fmt.Sprintf("Try it out: the body lacks %s:\n%s", want, body))
		}
	}
	if os.Getenv("TINA4_E2E_SCREENSHOT") != "" {
		screenshot(t, ctx)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
