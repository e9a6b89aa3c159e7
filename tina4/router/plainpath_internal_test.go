package router

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/julienschmidt/httprouter"
	"github.com/stretchr/testify/assert"
)

// TestPlainPathIsClean checks the shortcut ServeHTTP takes before
// httprouter.CleanPath: every path plainPath accepts is one CleanPath
// leaves unchanged, so skipping CleanPath never skips a redirect.
func TestPlainPathIsClean(t *testing.T) {
	for _, p := range []string{"/", "/api/notes", "/api/notes/", "/api/notes/12", "/a.b/c.", "/a/b..c/", "/%2e%2e/x",
		"//", "/.", "/..", "/a/.", "/a/..", "/a//b", "/a/./b", "/a/../b", "/a/.hidden", "/a/b/", "/./"} {
		if plainPath(p) {
			assert.Equal(t, p, httprouter.CleanPath(p), "plainPath(%q) but CleanPath changes it", p)
		} else {
			assert.True(t, strings.Contains(p, "//") || strings.Contains(p, "/."), p)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"/", ".", "..", "a", "b.", ".c", "%2F", "~"}
	for range 20000 {
		var b strings.Builder
		b.WriteByte('/')
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		p := b.String()
		if plainPath(p) {
			assert.Equal(t, p, httprouter.CleanPath(p), "plainPath(%q) but CleanPath changes it", p)
		}
	}
}
