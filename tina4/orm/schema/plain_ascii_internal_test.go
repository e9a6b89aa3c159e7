package schema

import (
	"testing"
)

// TestPlainASCIIPairs checks plainASCII's word test exactly for every
// 8-byte word that differs from a plain background in any two bytes, each
// of any value: a whole word passes exactly when all its bytes are ones
// encoding/json writes as they are (jsonSafe). The backgrounds sit next to
// the bounds the bit tricks test (0x20, 0x7f, the special characters), where
// a borrow from one byte into the next could hide a bad byte.
func TestPlainASCIIPairs(t *testing.T) {
	safe := func(c byte) bool { return c < 0x80 && jsonSafe[c] }
	for _, bg := range []byte{'a', ' ', '!', '~', 0x7f - 1, '"' + 1, '\\' + 1, '<' - 1, '?', '&' + 1, '%'} {
		var w [8]byte
		for i := 0; i < 8; i++ {
			for j := i + 1; j < 8; j++ {
				for a := 0; a < 256; a++ {
					for b := 0; b < 256; b++ {
						for k := range w {
							w[k] = bg
						}
						w[i], w[j] = byte(a), byte(b)
						want := 0
						if safe(bg) && safe(w[i]) && safe(w[j]) {
							want = 8
						}
						if got := plainASCII(string(w[:])); got != want {
							t.Fatalf("plainASCII(%q) = %d, want %d", w[:], got, want)
						}
					}
				}
			}
		}
	}
}
