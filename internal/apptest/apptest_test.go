package apptest_test

import (
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.NoError(t, err)
	defer app.Close()
	srv := apptest.Serve(t, app)
	resp, err := http.Get(srv.URL + "/health")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	require.Contains(t, string(body), `"status":"ok"`)
	err = srv.Stop()
	require.NoError(t, err, "Stop")
	require.NoError(t, srv.Stop(), "Stop")
	_, err = http.Get(srv.URL + "/health")
	assert.Error(t, err, "still serving after Stop")
	assert.Contains(t, logs.String(), "path=/health status=200", "the log missed the request")
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
	n := len(b.String())
	require.Equal(t, 800, n, "%d bytes, want 800", n)
}
