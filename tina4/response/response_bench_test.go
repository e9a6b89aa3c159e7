package response_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
)

type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

func BenchmarkJSON(b *testing.B) {
	w := &discard{h: http.Header{}}
	v := struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
		Done  bool   `json:"done"`
	}{7, "Buy milk & eggs", false}
	var res response.Response
	b.ReportAllocs()
	for b.Loop() {
		res.Reset(w, nil)
		err := res.JSON(v, 200)
		require.NoError(b, err)
	}
}

func BenchmarkWriteError(b *testing.B) {
	w := &discard{h: http.Header{}}
	err := errkind.Wrap(errkind.NotFound, errors.New("note 7 not found"))
	b.ReportAllocs()
	for b.Loop() {
		response.WriteError(w, nil, err)
	}
}
