package tina4_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// TestServerErrorsGoToTheAppLogger: a 5xx's error is logged through the
// App's logger (Config.Logger), not the process-wide default.
func TestServerErrorsGoToTheAppLogger(t *testing.T) {
	r := router.New()
	r.Get("/boom", func(*router.Request, *response.Response) error {
		return errors.New("disk on fire")
	})
	app, logs := newApp(t, r)
	rec := httptest.NewRecorder()
	app.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	require.Equal(t, http.StatusInternalServerError, rec.Code, "GET /boom = %d %s, want a 500 without the error's text", rec.Code, rec.Body)
	require.NotContains(t, rec.Body.String(), "disk on fire", "GET /boom = %d %s, want a 500 without the error's text", rec.Code, rec.Body)
	require.Contains(t, logs.String(), "disk on fire", "the App's log does not have the error")
	require.Contains(t, logs.String(), "response: server error", "the App's log does not have the error")
}
