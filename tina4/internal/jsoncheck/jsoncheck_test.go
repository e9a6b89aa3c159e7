package jsoncheck

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
)

func TestCheck(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	tests := []struct {
		name, body, want string // want "" means accepted
	}{
		{"object", `{"title":"Café ☕ 😀","n":[1,{"a":null}]}`, ""},
		{"empty", ``, ""},
		{"escapes", `{"s":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}`, ""},
		{"escaped backslash before u0000 text", `{"s":"\\u0000"}`, ""},
		{"brackets inside strings", `{"s":"[[[[{{{{"}`, ""},
		{"max depth", deep, ""},
		{"invalid UTF-8", "{\"title\":\"\xff\"}", "not valid UTF-8 (at byte 10)"},
		{"truncated UTF-8", "{\"title\":\"\xe2\x82\"}", "not valid UTF-8"},
		{"overlong encoding", "{\"t\":\"\xc0\xaf\"}", "not valid UTF-8"},
		{"surrogate as UTF-8", "{\"t\":\"\xed\xa0\x80\"}", "not valid UTF-8"},
		{"NUL escape", `{"title":"a\u0000b"}`, "NUL"},
		{"NUL escape in a key", `{"a\u0000":1}`, "NUL"},
		{"lone high surrogate", `{"t":"\ud83d"}`, "unpaired UTF-16 surrogate \\ud83d"},
		{"high then not low", `{"t":"\ud83d\u0041"}`, "unpaired"},
		{"lone low surrogate", `{"t":"\ude00x"}`, "unpaired UTF-16 surrogate \\ude00"},
		{"too deep", "[" + deep + "]", "nested deeper than 64 levels"},
		{"too deep objects", strings.Repeat(`{"a":`, MaxDepth+1), "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.body))
			if tt.want == "" {
				require.NoError(t, err, "refused")
				return
			}
			require.Error(t, err, "err = %v, want an Invalid one containing %q", err, tt.want)
			require.Contains(t, err.Error(), tt.want, "err = %v, want an Invalid one containing %q", err, tt.want)
			require.Equal(t, errkind.Invalid, errkind.Of(err), "err = %v, want an Invalid one containing %q", err, tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "invalid JSON body: "), "err %q lacks the prefix", err)
		})
	}
}

// FuzzCheck: whatever Check accepts and encoding/json decodes comes back
// with the same text it was sent, so no accepted byte is silently replaced;
// and Check never panics.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{"a":"b"}`, `"\ud83d\ude00"`, "\"\xff\"", `"\u0000"`, `[[[]]]`, `"\\"`, `"\u12"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if Check(b) != nil {
			return
		}
		var s string
		if json.Unmarshal(b, &s) != nil {
			return
		}
		require.False(t, strings.ContainsRune(s, 0), "%q decoded with a NUL", b)
		if strings.ContainsRune(s, '\uFFFD') && !strings.Contains(string(b), "\uFFFD") {
			require.Contains(t, strings.ToLower(string(b)), `\ufffd`, "%q decoded with a replacement character", b)
		}
	})
}

// checkBodies are bodies around the edges of accepted's one-pass check.
var checkBodies = []string{
	`{"title":"Über fast ✓","n":[1,{"a":null}]}`, "\"\\\xff\"", "\"\\\xc3\xa9\"", "\"\\\xc3\"", "\xff[[",
	`"\u0000"` + "\xff", strings.Repeat("[", MaxDepth+1) + "\xff", `"\ud83d"` + "\xe2\x82", `"\u12"`, `"\u12` + "\xff",
	`"\ud83d\ude00"`, `"\ud83d\u00"`, `"\\"`, `"\\u0000"`, "é[", "[é]", "\"\xe2\x82\xac\"", "\xf4\x90\x80\x80",
	"\"a\\", "\\u0000", `{"a\u0000":1}`, strings.Repeat("[", MaxDepth) + "\xf0\x9f\x98",
}

// TestAcceptedAgrees: Check (one pass, then the full check on a refusal)
// answers exactly as the full check alone, the problem and its wording.
func TestAcceptedAgrees(t *testing.T) {
	for _, body := range checkBodies {
		t.Run(body, func(t *testing.T) { checkAgrees(t, []byte(body)) })
	}
}

func FuzzAccepted(f *testing.F) {
	for _, body := range checkBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(checkAgrees)
}

func checkAgrees(t *testing.T, b []byte) {
	want, got := check(b), Check(b)
	if want == nil { // accepted may refuse it (an escaped non-ASCII byte): check then has the last word
		require.NoError(t, got, "%q", b)
		return
	}
	require.False(t, accepted(b), "%q: accepted, the full check says %v", b, want)
	require.EqualError(t, got, want.Error(), "%q", b)
}

func BenchmarkCheck(b *testing.B) {
	body := []byte(`{"title":"From the benchmark","content":"Über fast ✓","category":"work","views":3}`)
	b.Run("one pass", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = Check(body)
		}
	})
	b.Run("full", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = check(body)
		}
	})
}
