package tina4_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "disk on fire") {
		t.Fatalf("GET /boom = %d %s, want a 500 without the error's text", rec.Code, rec.Body)
	}
	if !strings.Contains(logs.String(), "disk on fire") || !strings.Contains(logs.String(), "response: server error") {
		t.Fatalf("the App's log does not have the error:\n%s", logs)
	}
}
