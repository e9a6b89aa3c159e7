package schema_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

func TestSetKeyFrom(t *testing.T) {
	type small struct {
		ID   int8
		Name string
	}
	type text struct {
		Code string `db:"code,pk"`
	}
	sm, err := schema.Of(reflect.TypeFor[small]())
	require.NoError(t, err)
	tm, err := schema.Of(reflect.TypeFor[text]())
	require.NoError(t, err)
	tests := []struct {
		name string
		m    *schema.Model
		v    any
		id   any
		ok   bool
		want any
	}{
		{"int key", sm, &small{}, int64(7), true, &small{ID: 7}},
		{"int key overflow", sm, &small{}, int64(300), false, &small{}},
		{"int key, text id", sm, &small{}, "7", false, &small{}},
		{"text key", tm, &text{}, "abc", true, &text{Code: "abc"}},
		{"text key, int id", tm, &text{}, int64(1), false, &text{}},
		{"wrong model", sm, &text{}, int64(1), false, &text{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.ok, tt.m.SetKeyFrom(tt.v, tt.id))
			assert.Equal(t, tt.want, tt.v)
		})
	}
}
