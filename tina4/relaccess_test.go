package tina4_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/auth"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// appVault is secured by TINA4_AUTOCRUD_SECURED; appLabel stays public and
// references it.
type appVault struct {
	ID   int64  `db:"id"`
	Code string `db:"code"`
}

func (appVault) TableName() string { return "app_vaults" }

type appLabel struct {
	ID    int64                    `db:"id"`
	Vault orm.ForeignKey[appVault] `db:"vault_id"`
	Text  string                   `db:"text"`
}

func (appLabel) TableName() string { return "app_labels" }

func init() {
	orm.Register[appVault]()
	orm.Register[appLabel]()
	crud.Configure[appLabel](crud.Public())
}

// Through the App: with TINA4_AUTOCRUD_SECURED=true, a public model's
// include of or filter into a secured one needs the API key or a valid JWT.
func TestAppRelationsObeyAccess(t *testing.T) { dbtest.Each(t, testAppRelationsObeyAccess) }

func testAppRelationsObeyAccess(t *testing.T) {
	app, _ := newAppWith(t, router.New(), func(c *tina4.Config) {
		c.DatabaseURL = dbtest.URL(t)
		c.CrudAccess = crud.AccessSecured
		c.Secret = testSecret
		c.APIKey = "key-0123456789"
	})
	ctx := orm.WithDB(context.Background(), app.DB())
	v := &appVault{Code: "bravo"}
	require.NoError(t, orm.Save(ctx, v))
	l := &appLabel{Text: "x"}
	l.Vault.SetID(v.ID)
	require.NoError(t, orm.Save(ctx, l))
	jwt, err := app.IssueToken(auth.Claims{"sub": "alice"}, time.Hour)
	require.NoError(t, err)
	h := app.Handler()
	for _, p := range []string{"/api/app_labels?include=vault", "/api/app_labels?vault__code__startswith=b", "/api/app_labels/1?include=vault"} {
		assert.Equal(t, 401, send(t, h, "GET", p, "").Code, p)
		assert.Equal(t, 401, send(t, h, "GET", p, "", "Authorization: Bearer nope").Code, p)
		assert.Equal(t, 200, send(t, h, "GET", p, "", "Authorization: Bearer key-0123456789").Code, p)
		assert.Equal(t, 200, send(t, h, "GET", p, "", "Authorization: Bearer "+jwt).Code, p)
	}
	assert.Equal(t, 200, send(t, h, "GET", "/api/app_labels?include=vault", "", "Authorization: Bearer "+jwt).Code)
	assert.Equal(t, 200, send(t, h, "GET", "/api/app_labels", "").Code)
}
