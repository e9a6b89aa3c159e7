package router_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// fuzzed is a struct with a field of each JSON kind, for FuzzBind.
type fuzzed struct {
	Title string         `json:"title"`
	Stars int8           `json:"stars"`
	Ratio float64        `json:"ratio"`
	Ok    *bool          `json:"ok"`
	Tags  []string       `json:"tags"`
	Meta  map[string]any `json:"meta"`
	When  time.Time      `json:"when"`
	Inner *fuzzed        `json:"inner"`
}

// bindRouter binds a body into fuzzed (/bind) and into a map (/json).
func bindRouter() *router.Router {
	rt := router.New()
	rt.MaxBodyBytes = 4096
	rt.Post("/bind", func(req *router.Request, res *response.Response) error {
		var v fuzzed
		if err := req.Bind(&v); err != nil {
			return err
		}
		return res.JSON(v, http.StatusOK)
	})
	rt.Post("/json", func(req *router.Request, res *response.Response) error {
		m, err := req.JSON()
		if err != nil {
			return err
		}
		return res.JSON(m, http.StatusOK)
	})
	return rt
}

// FuzzBind sends arbitrary bodies to Request.Bind and Request.JSON: the
// answer is a 200, a 400 or a 413 with a JSON error, never a panic or a 500,
// and a body is accepted only when it is valid JSON in valid UTF-8 without
// NUL characters.
func FuzzBind(f *testing.F) {
	for _, s := range []string{
		`{"title":"x","stars":3,"tags":["a"],"meta":{"k":[1,{"z":null}]},"when":"2026-01-02T03:04:05Z"}`,
		`{"stars":300}`, `{"ratio":1e400}`, `{"ok":"yes"}`, `[]`, `null`, `"s"`, `{`, `{"title":"\u00e9\ud83d\ude00"}`,
		"{\"title\":\"\xff\"}", `{"title":"\u0000"}`, `{"inner":{"inner":{"inner":{}}}}`, `{"a":1} x`, ``,
		strings.Repeat("[", 70) + strings.Repeat("]", 70), `{"when":"yesterday"}`, `{"meta":{"n":9007199254740993}}`,
	} {
		f.Add([]byte(s))
	}
	rt := bindRouter()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, path := range []string{"/bind", "/json"} {
			w := serve(t, rt, "POST", path, string(body))
			switch w.Code {
			case http.StatusOK:
				var v any
				dec := json.NewDecoder(bytes.NewReader(body))
				dec.UseNumber()
				require.True(t, json.Valid(body), "%s accepted %q", path, body)
				require.True(t, utf8.Valid(body), "%s accepted %q", path, body)
				require.NoError(t, dec.Decode(&v), "%s accepted %q", path, body)
				require.False(t, hasNUL(v), "%s accepted %q", path, body)
			case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
				var e map[string]any
				err := json.Unmarshal(w.Body.Bytes(), &e)
				require.NoError(t, err, "%s %q: %d with body %q", path, body, w.Code, w.Body)
				require.NotEqual(t, "", e["error"], "%s %q: %d with body %q", path, body, w.Code, w.Body)
			default:
				require.Fail(t, fmt.Sprintf("%s %q: status %d %s", path, body, w.Code, w.Body))
			}
		}
	})
}

// hasNUL reports whether a decoded JSON value holds a NUL in a string or key.
func hasNUL(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.ContainsRune(x, 0)
	case []any:
		for _, e := range x {
			if hasNUL(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if strings.ContainsRune(k, 0) || hasNUL(e) {
				return true
			}
		}
	}
	return false
}
