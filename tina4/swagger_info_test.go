package tina4_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The document's title, version, description, license and servers come
// from the settings.
func TestSwaggerInfoFromSettings(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		title   string
		version string
		license any
		servers any
	}{
		{"defaults", nil, "Tina4 API", "1.0.0", nil,
			[]any{map[string]any{"url": "/", "description": "The host that serves this document (TINA4_API_SERVERS sets absolute URLs)."}}},
		{"settings", map[string]string{"TINA4_API_TITLE": "Shop", "TINA4_API_VERSION": "2.3.0", "TINA4_API_DESCRIPTION": "The shop's API.",
			"TINA4_API_LICENSE": "MIT", "TINA4_API_SERVERS": "https://api.example.com/, https://staging.example.com"},
			"Shop", "2.3.0", map[string]any{"name": "MIT", "identifier": "MIT"},
			[]any{map[string]any{"url": "https://api.example.com"}, map[string]any{"url": "https://staging.example.com"}}},
		{"named host, license by name", map[string]string{"HOST": "10.0.0.5", "PORT": "8080", "TINA4_API_LICENSE": "All rights reserved"},
			"Tina4 API", "1.0.0", map[string]any{"name": "All rights reserved"},
			[]any{map[string]any{"url": "/", "description": "The host that serves this document (TINA4_API_SERVERS sets absolute URLs)."}}}, // a relative server: the host and port it was reached through
		{"any port", map[string]string{"PORT": "0"}, "Tina4 API", "1.0.0", nil,
			[]any{map[string]any{"url": "/", "description": "The host that serves this document (TINA4_API_SERVERS sets absolute URLs)."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"HOST", "PORT", "TINA4_API_TITLE", "TINA4_API_VERSION", "TINA4_API_DESCRIPTION", "TINA4_API_LICENSE", "TINA4_API_SERVERS"} {
				t.Setenv(k, tt.env[k])
			}
			cfg, err := tina4.LoadConfig(filepath.Join(t.TempDir(), "none.env"))
			require.NoError(t, err)
			cfg.DatabaseURL = "sqlite:///" + filepath.Join(t.TempDir(), "app.db")
			cfg.Router, cfg.Swagger = router.New(), true
			cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
			app, err := tina4.New(cfg)
			require.NoError(t, err)
			defer app.Close()
			code, body := get(t, app.Handler(), "GET", "/swagger/openapi.json", "")
			require.Equal(t, 200, code)
			var doc struct {
				Info    map[string]any `json:"info"`
				Servers any            `json:"servers"`
			}
			require.NoError(t, json.Unmarshal([]byte(body), &doc))
			assert.Equal(t, tt.title, doc.Info["title"])
			assert.Equal(t, tt.version, doc.Info["version"])
			if d := tt.env["TINA4_API_DESCRIPTION"]; d != "" {
				assert.Equal(t, d, doc.Info["description"])
			} else {
				assert.Contains(t, doc.Info["description"], "AutoCrud")
			}
			assert.Equal(t, tt.license, doc.Info["license"])
			assert.Equal(t, tt.servers, doc.Servers)
		})
	}
}
