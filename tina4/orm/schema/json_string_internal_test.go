package schema

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAppendStringMatchesEncodingJSON checks that appendString, whose
// word-at-a-time scan lets most text through without looking at each byte,
// writes what encoding/json writes, wherever in the text (in which 8-byte
// word, at which offset) a byte that needs escaping falls.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	specials := []string{`"`, `\`, "<", ">", "&", "\x00", "\x1f", "\n", "\x7f", " ", "~", "é", "✓",
		"\u2028", "\u2029", "\xff", "\xc3", "\xe2\x80", "\U0001F600"}
	check := func(t *testing.T, s string) {
		t.Helper()
		want, err := json.Marshal(s)
		require.NoError(t, err)
		got, err := appendString([]byte("x"), s)
		require.NoError(t, err)
		require.Equal(t, "x"+string(want), string(got), "%q", s)
	}
	t.Run("positions", func(t *testing.T) {
		for _, sp := range specials {
			for n := 0; n <= 24; n++ {
				for at := 0; at <= n; at++ {
					check(t, strings.Repeat("a", at)+sp+strings.Repeat("b", n-at))
				}
			}
		}
	})
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		alphabet := append(specials, "a", "Z", "0", "!", "#", "%", "@", "[", "]", "{", "}", "'", "=", "?")
		for range 5000 {
			var b strings.Builder
			for range r.IntN(40) {
				if r.IntN(6) == 0 {
					b.WriteString(alphabet[r.IntN(len(alphabet))])
				} else {
					b.WriteByte(byte(0x20 + r.IntN(0x5f)))
				}
			}
			check(t, b.String())
		}
	})
	t.Run("every byte", func(t *testing.T) {
		for c := range 256 {
			check(t, "01234567"+string(rune(c))+"89abcdef")
			check(t, "01234567"+string([]byte{byte(c)})+"89abcdef")
		}
	})
}
