// Package jsoncheck finds what encoding/json lets through in a request body
// but a Tina4 app must refuse: text that is not valid Unicode, which the
// decoder silently replaces with U+FFFD (so a client's bytes would be
// changed, not stored); NUL characters, which PostgreSQL text columns reject
// (a 500 instead of a 400); and nesting deep enough to cost the decoder time
// and stack for no legitimate body. The router's Bind and AutoCrud's
// decoder run Check before decoding.
package jsoncheck

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// MaxDepth is the deepest nesting of arrays and objects a body may have.
const MaxDepth = 64

// Check returns an errkind.Invalid error ("invalid JSON body: ...") for the
// first of these in b: bytes that are not UTF-8, a \u0000 escape or an
// unpaired UTF-16 surrogate escape in a string, or arrays and objects
// nested deeper than MaxDepth. It does not check the rest of the syntax;
// the decoder does that.
func Check(b []byte) error {
	if accepted(b) {
		return nil
	}
	return check(b)
}

// accepted makes Check's checks in one pass over b, the UTF-8 check with
// the others, and reports whether b passes them all. On anything it does
// not pass it stops, and check goes over b again to find and word the
// first problem as Check reports it (not valid UTF-8 anywhere in b before
// any other).
func accepted(b []byte) bool {
	depth := 0
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return false
			}
			i += n
		case c == '"':
			var ok bool
			if i, ok = acceptedString(b, i+1); !ok {
				return false
			}
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return false
			}
			i++
		case c == ']' || c == '}':
			depth--
			i++
		default:
			i++
		}
	}
	return true
}

// acceptedString is accepted within a string from b[i:], after its opening
// quote: it returns where the string ends (past its closing quote, or
// len(b) or more when it has none).
func acceptedString(b []byte, i int) (int, bool) {
	for {
		for i < len(b) && stringByte[b[i]] {
			i++
		}
		if i >= len(b) {
			return i, true
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c == '\\':
			switch {
			case i+1 < len(b) && b[i+1] >= utf8.RuneSelf:
				return i, false // the escaped byte must be checked as UTF-8: leave it to check
			case i+1 < len(b) && b[i+1] == 'u':
				n, err := checkEscape(b, i)
				if err != nil {
					return i, false
				}
				i += n
			default:
				i += 2 // the escaped character
			}
		default: // not ASCII
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return i, false
			}
			i += n
		}
	}
}

// stringByte marks the ASCII bytes other than a quote and a backslash: in a
// string, they change nothing Check looks at.
var stringByte = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// check is Check over a body accepted refused: the first problem, worded.
func check(b []byte) error {
	if !utf8.Valid(b) {
		return invalid("not valid UTF-8 (at byte %d)", firstInvalid(b))
	}
	depth, inString := 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inString {
			switch c {
			case '"':
				inString = false
			case '\\':
				if i+1 < len(b) && b[i+1] == 'u' {
					n, err := checkEscape(b, i)
					if err != nil {
						return err
					}
					i += n - 1
					continue
				}
				i++ // skip the escaped character
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			if depth++; depth > MaxDepth {
				return invalid("nested deeper than %d levels (at byte %d)", MaxDepth, i)
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

// checkEscape checks the \uXXXX escape at b[i:] (and the low surrogate after
// a high one) and returns how many bytes it spans. A malformed escape is
// left to the decoder.
func checkEscape(b []byte, i int) (int, error) {
	r, ok := hex4(b, i+2)
	switch {
	case !ok:
		return 2, nil
	case r == 0:
		return 0, invalid("strings must not contain NUL (\\u0000) characters (at byte %d)", i)
	case utf16.IsSurrogate(r) && r < 0xdc00: // a high surrogate: a low one must follow
		if i+7 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
			if lo, ok := hex4(b, i+8); ok && utf16.DecodeRune(r, lo) != utf8.RuneError {
				return 12, nil
			}
		}
		fallthrough
	case utf16.IsSurrogate(r):
		return 0, invalid("a string holds an unpaired UTF-16 surrogate \\u%04x (at byte %d)", r, i)
	}
	return 6, nil
}

// hex4 reads four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// firstInvalid returns the offset of the first byte that is not UTF-8.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func invalid(format string, args ...any) error {
	return errkind.New(errkind.Invalid, "invalid JSON body: "+fmt.Sprintf(format, args...))
}
