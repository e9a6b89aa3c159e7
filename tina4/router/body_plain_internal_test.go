package router

import (
	"errors"
	"mime"
	"strings"
	"testing"
	"testing/iotest"

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

// TestReadBody: readBody reads what io.ReadAll reads, whatever length the
// header declares.
func TestReadBody(t *testing.T) {
	for _, body := range []string{"", "x", `{"title":"a"}`, strings.Repeat("y", 5000)} {
		for _, n := range []int64{-1, 0, 1, int64(len(body)), int64(len(body)) + 7, sizedRead, 1 << 40} {
			got, err := readBody(iotest.OneByteReader(strings.NewReader(body)), n)
			assert.NoError(t, err)
			assert.Equal(t, body, string(got), "declared %d", n)
			got, err = readBody(strings.NewReader(body), n)
			assert.NoError(t, err)
			assert.Equal(t, body, string(got), "declared %d", n)
		}
	}
	_, err := readBody(iotest.ErrReader(errors.New("cut")), 10)
	assert.EqualError(t, err, "cut")
}
