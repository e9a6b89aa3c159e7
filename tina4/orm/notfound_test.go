package orm_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
)

// FindOrFail's error, returned from a handler, answers 404 with a text that
// names the model and the key, and still matches ErrNotFound.
func TestFindOrFailNamesTheRow(t *testing.T) {
	ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
	_, err := orm.FindOrFail[Note](ctx, 999)
	require.ErrorIs(t, err, orm.ErrNotFound)
	var nf *orm.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, http.StatusNotFound, response.StatusOf(err))
	assert.Equal(t, "notes with id=999 not found", response.Message(err))
}
