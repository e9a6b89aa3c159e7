package tina4_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Credentials with any origin pattern that holds a wildcard are refused at
// start-up, as a bare * is: such a pattern lets any matching site act with
// a user's cookies.
func TestCORSCredentialsRefuseWildcards(t *testing.T) {
	tests := []struct {
		origins string
		refused bool
	}{
		{"*", true},
		{"https://*", true},
		{"https://*.example.com", true},
		{"https://app.example.com, http://*", true},
		{"https://app.example.com, https://admin.example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.origins, func(t *testing.T) {
			cfg := tina4.DefaultConfig()
			cfg.DatabaseURL = "sqlite::memory:"
			cfg.Router = router.New()
			cfg.CORSOrigins, cfg.CORSCredentials = tt.origins, true
			app, err := tina4.New(cfg)
			if !tt.refused {
				require.NoError(t, err)
				app.Close()
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "TINA4_CORS_CREDENTIALS")
		})
	}
}
