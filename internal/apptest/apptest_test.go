package apptest_test

import (
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func TestServeAndStop(t *testing.T) {
	logs := &apptest.Buffer{}
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = "sqlite:///" + filepath.Join(t.TempDir(), "app.db")
	cfg.Router = router.New()
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	app, err := tina4.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	srv := apptest.Serve(t, app)
	resp, err := http.Get(srv.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if err := srv.Stop(); err != nil || srv.Stop() != nil {
		t.Fatalf("Stop: %v", err)
	}
	if _, err := http.Get(srv.URL + "/health"); err == nil {
		t.Error("still serving after Stop")
	}
	if !strings.Contains(logs.String(), "path=/health status=200") {
		t.Errorf("the log missed the request: %s", logs)
	}
}

func TestBufferConcurrentWrites(t *testing.T) {
	var b apptest.Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				b.Write([]byte("x"))
			}
		})
	}
	wg.Wait()
	if n := len(b.String()); n != 800 {
		t.Fatalf("%d bytes, want 800", n)
	}
}
