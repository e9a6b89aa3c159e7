package schema_test

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

type Typed struct {
	ID    int64
	Small int32
	Tiny  *int8
	Count uint16
	Ratio float32
	Big   float64
	On    bool
	At    time.Time
	Blob  []byte
	NullI sql.NullInt32
	Name  string     `default:"anon"`
	When  *time.Time `default:"2026-01-02T05:04:05+02:00"`
	Level int        `default:"3"`
}

func TestJSONType(t *testing.T) {
	m, err := schema.Of(reflect.TypeFor[Typed]())
	require.NoError(t, err)
	tests := []struct {
		column string
		want   schema.JSONType
	}{
		{"id", schema.JSONType{Type: "integer", Format: "int64"}},
		{"small", schema.JSONType{Type: "integer", Format: "int32"}},
		{"tiny", schema.JSONType{Type: "integer", Format: "int32"}},
		{"count", schema.JSONType{Type: "integer", Format: "int64", Unsigned: true}},
		{"ratio", schema.JSONType{Type: "number", Format: "float"}},
		{"big", schema.JSONType{Type: "number", Format: "double"}},
		{"on", schema.JSONType{Type: "boolean"}},
		{"at", schema.JSONType{Type: "string", Format: "date-time"}},
		{"blob", schema.JSONType{Type: "string", Base64: true}},
		{"null_i", schema.JSONType{Type: "integer", Format: "int64"}},
		{"name", schema.JSONType{Type: "string"}},
	}
	for _, tt := range tests {
		t.Run(tt.column, func(t *testing.T) {
			f := m.Field(tt.column)
			require.NotNil(t, f)
			assert.Equal(t, tt.want, f.JSONType())
		})
	}
	assert.Equal(t, schema.JSONType{Type: "integer", Format: "int64"}, schema.GoJSONType(schema.Int, nil))
}

func TestDefaultJSON(t *testing.T) {
	m, err := schema.Of(reflect.TypeFor[Typed]())
	require.NoError(t, err)
	tests := []struct {
		column string
		want   string
		ok     bool
	}{
		{"name", `"anon"`, true},
		{"when", `"2026-01-02T03:04:05Z"`, true},
		{"level", `3`, true},
		{"small", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.column, func(t *testing.T) {
			got, ok := m.Field(tt.column).DefaultJSON()
			assert.Equal(t, tt.ok, ok)
			if tt.ok {
				assert.JSONEq(t, tt.want, string(got))
			} else {
				assert.Equal(t, json.RawMessage(nil), got)
			}
		})
	}
}
