package response_test

import (
	"errors"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
)

// special is the one type the test encoder takes.
type special struct{ N int }

var testEncoder = response.EncoderFunc(func(dst []byte, v any) ([]byte, bool, error) {
	s, ok := v.(special)
	if !ok {
		return dst, false, nil
	}
	if s.N < 0 {
		return dst, true, errors.New("negative")
	}
	return append(dst, `{"n":`+strconv.Itoa(s.N)+`}`...), true, nil
})

// JSON tries the Response's Encoder first; values it declines are encoded
// by encoding/json exactly as without one; an Encoder error writes nothing.
func TestJSONEncoder(t *testing.T) {
	cases := []struct {
		name       string
		v          any
		status     int
		wantStatus int
		wantBody   string
		wantErr    bool
	}{
		{"taken", special{N: 7}, 201, 201, `{"n":7}` + "\n", false},
		{"declined", map[string]any{"a": "<b>"}, 0, 200, `{"a":"<b>"}` + "\n", false},
		{"declined struct", special2{N: 1}, 200, 200, `{"N":1}` + "\n", false},
		{"no body status", special{N: 7}, 204, 204, "", false},
		{"error", special{N: -1}, 200, 0, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, rec := newRes(t, "GET", "/")
			res.SetEncoder(testEncoder)
			err := res.JSON(tc.v, tc.status)
			if tc.wantErr {
				require.Error(t, err)
				assert.False(t, res.Written())
				assert.Empty(t, rec.Header().Get("Content-Type"))
				// the caller can still answer
				require.NoError(t, res.Error(err))
				assert.Equal(t, 500, rec.Code)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantStatus, rec.Code)
			assert.Equal(t, tc.wantBody, rec.Body.String())
			assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
			if tc.wantBody != "" {
				assert.Equal(t, strconv.Itoa(len(tc.wantBody)), rec.Header().Get("Content-Length"))
			}
		})
	}
	t.Run("reset clears it", func(t *testing.T) {
		res, _ := newRes(t, "GET", "/")
		res.SetEncoder(testEncoder)
		rec := httptest.NewRecorder()
		res.Reset(rec, httptest.NewRequest("GET", "/", nil))
		require.NoError(t, res.JSON(special{N: 7}, 200))
		assert.Equal(t, `{"N":7}`+"\n", rec.Body.String())
	})
}

type special2 struct{ N int }
