package response_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
)

type validationErr struct{ lines []string }

func (v validationErr) Error() string      { return "validation failed" }
func (v validationErr) Kind() errkind.Kind { return errkind.Invalid }
func (v validationErr) Details() []string  { return v.lines }

type public struct{ error }

func (p public) PublicMessage() string { return "Try again in a minute" }
func (p public) Unwrap() error         { return p.error }

func TestStatusOf(t *testing.T) {
	tests := []struct {
		kind errkind.Kind
		want int
	}{
		{errkind.NotFound, 404}, {errkind.Invalid, 400}, {errkind.Conflict, 409}, {errkind.TooLarge, 413},
		{errkind.Unauthorized, 401}, {errkind.Forbidden, 403}, {errkind.Unavailable, 503}, {errkind.Internal, 500},
		{errkind.PreconditionFailed, 412},
		{errkind.Kind(200), 500},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			err := fmt.Errorf("op: %w", errkind.New(tt.kind, "x"))
			got := response.StatusOf(err)
			assert.Equal(t, tt.want, got, "StatusOf")
		})
	}
	got := response.StatusOf(nil)
	assert.Equal(t, 500, got, "StatusOf(nil)")
}

// captureLog swaps the default slog logger for one writing to a buffer.
func captureLog(tb testing.TB) *bytes.Buffer {
	tb.Helper()
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	tb.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

func TestWriteError(t *testing.T) {
	sqlErr := errors.New(`sqlite: SELECT * FROM users WHERE id = ?: database disk image is malformed`)
	tests := []struct {
		name       string
		err        error
		debug      bool
		wantStatus int
		wantBody   string
		wantLog    bool
	}{
		{"not found", fmt.Errorf("wrapped: %w", errkind.New(errkind.NotFound, "Post not found")), false,
			404, `{"error":"wrapped: Post not found"}`, false},
		{"invalid with details", validationErr{[]string{"title: required", "status: must be one of draft published"}}, false,
			400, `{"error":"validation failed","detail":["title: required","status: must be one of draft published"]}`, false},
		{"conflict", errkind.Wrap(errkind.Conflict, errors.New("duplicate email")), false, 409, `{"error":"duplicate email"}`, false},
		{"too large", errkind.New(errkind.TooLarge, "body too big"), false, 413, `{"error":"body too big"}`, false},
		{"unauthorized", errkind.New(errkind.Unauthorized, "missing token"), false, 401, `{"error":"missing token"}`, false},
		{"forbidden", errkind.New(errkind.Forbidden, "not yours"), false, 403, `{"error":"not yours"}`, false},
		{"internal hides text", fmt.Errorf("orm: find: %w", sqlErr), false, 500, `{"error":"Internal Server Error"}`, true},
		{"unavailable hides text", errkind.Wrap(errkind.Unavailable, sqlErr), false, 503, `{"error":"Service Unavailable"}`, true},
		{"public message on 5xx", public{errkind.Wrap(errkind.Unavailable, sqlErr)}, false, 503, `{"error":"Try again in a minute"}`, true},
		{"public message on 4xx", fmt.Errorf("x: %w", public{errkind.New(errkind.Invalid, "internal words")}), false,
			400, `{"error":"Try again in a minute"}`, false},
		{"debug shows 5xx text", fmt.Errorf("orm: find: %w", errors.New("boom")), true, 500, `{"error":"orm: find: boom"}`, true},
		{"nil error", nil, false, 500, `{"error":"Internal Server Error"}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := captureLog(t)
			response.SetDebug(tt.debug)
			defer response.SetDebug(false)
			rec := httptest.NewRecorder()
			response.WriteError(rec, httptest.NewRequest("GET", "/api/x", nil), tt.err)
			assert.Equal(t, tt.wantStatus, rec.Code, "status")
			got := strings.TrimSpace(rec.Body.String())
			assert.Equal(t, tt.wantBody, got, "body")
			assert.True(t, json.Valid(rec.Body.Bytes()), "body is not JSON")
			logged := logs.Len() > 0
			assert.Equal(t, tt.wantLog, logged, "logged = %v, want %v: %s", logged, tt.wantLog, logs)
			if tt.wantLog {
				assert.Contains(t, logs.String(), "path=/api/x", "log lacks the path")
			}
		})
	}
}

func TestResponseErrorNilRequest(t *testing.T) {
	captureLog(t)
	rec := httptest.NewRecorder()
	response.WriteError(rec, nil, errors.New("x"))
	require.Equal(t, 500, rec.Code, "status")
}
