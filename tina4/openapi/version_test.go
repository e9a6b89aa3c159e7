package openapi_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/openapi"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

type versioned struct {
	ID      int64  `db:"id"`
	Title   string `db:"title" validate:"required"`
	Version int64  `db:"version,version"`
}

func (versioned) TableName() string { return "versioned" }

// The version column is read-only to clients: readOnly in every schema.
func TestVersionColumnReadOnly(t *testing.T) {
	m, err := orm.ModelOf[versioned]()
	require.NoError(t, err)
	r := router.New()
	crud.Mount(r, m, "/api")
	b, err := json.Marshal(openapi.Build(r, openapi.Info{Title: "Test", Version: "1"}))
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	for _, name := range []string{"versioned", "versionedCreate", "versionedUpdate"} {
		assert.Equal(t, true, at(doc, "components|schemas|"+name+"|properties|version|readOnly"), name)
		assert.Nil(t, at(doc, "components|schemas|"+name+"|properties|title|readOnly"), name)
	}
	assert.Equal(t, []any{"title"}, at(doc, "components|schemas|versionedCreate|required"))
}
