package schema_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

type Category struct {
	ID   int64
	Name string
}

type Named struct {
	ID int64
}

func (Named) TableName() string { return "my_named" }

// The plural option is the registry's, not the environment's: two
// registries in one process name the same type differently.
func TestPluralTableNamesIsARegistryOption(t *testing.T) {
	t.Setenv("ORM_PLURAL_TABLE_NAMES", "true") // ignored: only tina4 reads the environment
	tests := []struct {
		name   string
		plural bool
		typ    reflect.Type
		want   string
	}{
		{"singular by default", false, reflect.TypeFor[Category](), "category"},
		{"plural when set", true, reflect.TypeFor[Category](), "categories"},
		{"TableName wins", true, reflect.TypeFor[Named](), "my_named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &schema.Registry{}
			r.SetPluralTableNames(tt.plural)
			assert.Equal(t, tt.plural, r.PluralTableNames())
			m, err := r.Of(tt.typ)
			require.NoError(t, err)
			assert.Equal(t, tt.want, m.Table())
		})
	}
}

func TestRegistryListsOnlyRegistered(t *testing.T) {
	r := &schema.Registry{}
	seen, err := r.Of(reflect.TypeFor[Named]())
	require.NoError(t, err)
	assert.Empty(t, r.Models(), "a model read on first use is not listed")
	assert.True(t, r.Holds(reflect.TypeFor[Named]()))
	m := r.Register(reflect.TypeFor[Named]())
	assert.Same(t, seen, m, "metadata is read once per type")
	assert.Equal(t, []*schema.Model{m}, r.Models())
	r.Register(reflect.TypeFor[Named]())
	assert.Len(t, r.Models(), 1, "registering twice is a no-op")
	assert.Len(t, r.Known(), 1)
}

func TestRegisterPanicsOnMalformedModel(t *testing.T) {
	type NoKey struct{ Name string }
	r := &schema.Registry{}
	assert.PanicsWithValue(t, "orm: model NoKey has no primary key: add an ID field or tag one `db:\"...,pk\"`", func() {
		r.Register(reflect.TypeFor[NoKey]())
	})
}
