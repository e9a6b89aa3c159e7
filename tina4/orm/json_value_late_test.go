package orm_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// jvLate is a model that is not registered in init(): the ORM reads it on
// first use (ModelOf, Find, Query...).
type jvLate struct {
	ID     int64  `db:"id"`
	Name   string `db:"name"`
	Secret string `db:"secret,hidden"`
}

func (jvLate) TableName() string { return "jv_lates" }

// jvLateBox is a handler's answer that may hold one.
type jvLateBox struct {
	Item *jvLate `json:"item"`
}

// A value encoded before the model it holds was first used by the ORM must
// not be remembered as holding no model: once the model is known, it is
// written as AutoCrud writes it, hidden column left out.
func TestAppendValueJSONModelUsedLate(t *testing.T) {
	_, ok, err := orm.AppendValueJSON(nil, jvLateBox{})
	require.NoError(t, err)
	require.False(t, ok, "no model known yet: encoding/json")
	_, ok, err = orm.AppendValueJSON(nil, &jvLate{Name: "early"})
	require.NoError(t, err)
	require.False(t, ok)

	_, err = orm.ModelOf[jvLate]()
	require.NoError(t, err)
	for _, v := range []any{jvLateBox{Item: &jvLate{ID: 1, Name: "n", Secret: "s"}}, &jvLate{ID: 1, Name: "n", Secret: "s"}} {
		b, ok, err := orm.AppendValueJSON(nil, v)
		require.NoError(t, err)
		require.True(t, ok, "%T holds a model now", v)
		assert.NotContains(t, string(b), `"s"`)
		assert.NotContains(t, string(b), "Secret")
		assert.True(t, json.Valid(b), string(b))
	}
}
