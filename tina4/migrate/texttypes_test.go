package migrate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// loanText maps string fields onto columns a migration gave server types
// that are read and written as text.
type loanText struct {
	ID     int64  `db:"id,pk,auto"`
	Status string `db:"status" validate:"oneof=open closed"`
	Ref    string `db:"ref"`
	Meta   string `db:"meta,text"`
}

func (loanText) TableName() string { return "loans" }

// TestTextColumnTypes: a string field on a uuid, json(b) or enum column that
// a migration made is no difference on PostgreSQL and MySQL (the server
// converts the text both ways: the app starts, and the rows round-trip);
// on SQLite such a column has NUMERIC affinity ("007" is stored as 7), so
// it stays one.
func TestTextColumnTypes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		ddl := map[string]string{
			"sqlite":   "CREATE TABLE loans (" + pkDef(t) + ", status TEXT NOT NULL, ref TEXT NOT NULL, meta JSON NOT NULL)",
			"postgres": "CREATE TABLE loans (" + pkDef(t) + ", status TEXT NOT NULL, ref UUID NOT NULL, meta JSONB NOT NULL)",
			"mysql":    "CREATE TABLE loans (" + pkDef(t) + ", status ENUM('open','closed') NOT NULL, ref CHAR(36) NOT NULL, meta JSON NOT NULL)",
		}[dbtest.Engine(t)]
		_, err := orm.ExecRaw(ctx, ddl)
		require.NoError(t, err)
		p := plan(t, ctx, db, model[loanText](t))
		if dbtest.Engine(t) == "sqlite" {
			assert.Contains(t, p.Report(), `column "meta" of "loans" is json; the field needs TEXT`)
			return
		}
		assert.True(t, p.Empty(), p.Report())

		l := &loanText{Status: "open", Ref: "9b2f1c4e-8f0a-4c1e-9d7a-2b3c4d5e6f70", Meta: `{"a": 1}`}
		require.NoError(t, orm.Create(ctx, l))
		l.Status, l.Meta = "closed", `{"b": [2]}`
		require.NoError(t, orm.Save(ctx, l))
		got, _, err := orm.Query[loanText](ctx).Filter("ref", l.Ref).Page()
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, "closed", got[0].Status)
		assert.JSONEq(t, `{"b": [2]}`, got[0].Meta)
	})
}
