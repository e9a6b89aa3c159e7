package schema

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssignPlain(t *testing.T) {
	type status string
	tests := []struct {
		name string
		dst  any // pointer to the destination
		src  any
		want any
		bad  bool
	}{
		{"string from text", new(string), "héllo ✓", "héllo ✓", false},
		{"string from bytes", new(string), []byte("bytes"), "bytes", false},
		{"string from int", new(string), int64(-7), "-7", false},
		{"named string", new(status), "done", status("done"), false},
		{"empty string", new(string), "", "", false},
		{"int64", new(int64), int64(1 << 40), int64(1 << 40), false},
		{"int32 overflow", new(int32), int64(1 << 40), nil, true},
		{"int8 from text", new(int8), []byte("-12"), int8(-12), false},
		{"int from bad text", new(int), "twelve", nil, true},
		{"uint from int", new(uint16), int64(65535), uint16(65535), false},
		{"uint from negative", new(uint), int64(-1), nil, true},
		{"float from float", new(float64), 2.5, 2.5, false},
		{"float from int", new(float32), int64(3), float32(3), false},
		{"float from text", new(float64), "1e3", 1000.0, false},
		{"bool from bool", new(bool), true, true, false},
		{"bool from int", new(bool), int64(0), false, false},
		{"bool from text", new(bool), "true", true, false},
		{"bool from bad text", new(bool), "maybe", nil, true},
		{"bytes copied", new([]byte), []byte{0, 1, 2}, []byte{0, 1, 2}, false},
		{"bytes from text", new([]byte), "ab", []byte("ab"), false},
		{"time into int", new(int64), time.Now(), nil, true},
		{"time into string, as Rows.Scan does", new(string), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "2026-01-02T03:04:05Z", false},
		{"MySQL FLOAT into float64", new(float64), float32(1.5), 1.5, false},
		{"float32 into string", new(string), float32(0.25), "0.25", false},
		{"uint64 beyond int64", new(uint64), uint64(1 << 63), uint64(1 << 63), false},
		{"uint8 overflow by conversion", new(uint8), uint64(300), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := reflect.ValueOf(tt.dst).Elem()
			err := assignPlain(dst, tt.src)
			if tt.bad {
				require.Error(t, err, "assignPlain(%T %v) got %v", tt.src, tt.src, dst.Interface())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, dst.Interface())
		})
	}
	// The source buffer is not kept: drivers reuse it.
	src := []byte("abc")
	var b []byte
	require.NoError(t, assignPlain(reflect.ValueOf(&b).Elem(), src))
	src[0] = 'X'
	assert.Equal(t, "abc", string(b), "bytes alias the driver's buffer")
}
