package router

import (
	"mime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPlainJSONTypeAgrees: the Content-Type values CheckJSON accepts without
// parsing are ones ParseMediaType finds to be JSON in UTF-8; the others go
// on to be parsed.
func TestPlainJSONTypeAgrees(t *testing.T) {
	for _, ct := range []string{
		"application/json", "Application/JSON", "application/json; charset=utf-8", "application/json; charset=UTF-8",
		"APPLICATION/JSON; CHARSET=UTF-8", "application/json;charset=utf-8", "application/json; charset=utf8",
		"application/json ", " application/json", "application/jsonx", "application/json; charset=latin1",
		"text/json", "application/merge-patch+json", "application/json; charset=utf-8; x=1", "",
	} {
		t.Run(ct, func(t *testing.T) {
			if !isPlainJSONType(ct) {
				return
			}
			mt, params, err := mime.ParseMediaType(ct)
			assert.NoError(t, err)
			assert.True(t, IsJSONType(mt))
			if cs, ok := params["charset"]; ok {
				assert.Contains(t, []string{"utf-8", "UTF-8"}, cs)
			}
		})
	}
	assert.True(t, isPlainJSONType("application/json"))
	assert.True(t, isPlainJSONType("application/json; charset=UTF-8"))
}
