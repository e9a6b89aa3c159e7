package openapi_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

type fkrParent struct {
	ID int64 `db:"id"`
}

func (fkrParent) TableName() string { return "fkr_parents" }

type fkrChild struct {
	ID        int64                     `db:"id"`
	ParentID  int64                     `db:"parent_id" references:"fkr_parents.id"`
	Declared  orm.ForeignKey[fkrParent] `db:"declared_id"`
	Optional  *int64                    `db:"optional_id" references:"fkr_parents.id"`
	Defaulted int64                     `db:"defaulted_id" references:"fkr_parents.id" default:"1"`
	Note      string                    `db:"note"`
}

func (fkrChild) TableName() string { return "fkr_children" }

// The create schema marks a NOT NULL foreign key without a default as
// required, validate tag or not: AutoCrud answers 400 when it is left out.
func TestCreateSchemaRequiresNotNullKeys(t *testing.T) {
	m, err := orm.ModelOf[fkrChild]()
	require.NoError(t, err)
	r := router.New()
	crud.Mount(r, m, "/api")
	doc, _ := document(t, r)
	assert.Equal(t, []any{"parent_id", "declared_id"}, at(doc, "components|schemas|fkrChildCreate|required"))
}
