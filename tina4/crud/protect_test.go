package crud_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// account has every kind of column a client may not set or see.
type account struct {
	ID              int64              `db:"id"`
	Name            string             `db:"name" validate:"required,min=2"`
	Password        string             `db:"password,hidden"`         // written, never shown
	Token           string             `db:"token,hidden,readonly"`   // neither written nor shown
	Plan            string             `db:"plan,readonly"`           // shown, never written
	CreatedAt       time.Time          `db:"created_at,auto_now_add"` // set by the ORM
	UpdatedAt       time.Time          `db:"updated_at,auto_now"`     // set by the ORM
	Entries         orm.HasMany[entry] // include=entries
	orm.SoftDeletes                    // deleted_at
}

func (account) TableName() string { return "accounts" }

// entry belongs to an account and has a hidden column of its own.
type entry struct {
	ID        int64                   `db:"id"`
	Account   orm.ForeignKey[account] `db:"account_id" validate:"required"`
	Memo      string                  `db:"memo" validate:"required,min=3"`
	Signature string                  `db:"signature,hidden"`
}

func (entry) TableName() string { return "entries" }

// vault is configured secured: every route needs a token wherever it is
// mounted.
type vault struct {
	ID    int64  `db:"id"`
	Label string `db:"label" validate:"required"`
}

func (vault) TableName() string { return "vaults" }

func init() {
	orm.Register[vault]()
	orm.Register[account]()
	orm.Register[entry]()
	crud.Configure[vault](crud.Secured())
	crud.Configure[entry](crud.Public()) // stays open when the rest is secured
}

// The secret values seeded into hidden columns; no answer may contain them.
const (
	secretPassword  = "pw-7f3a-hunter2"
	secretToken     = "tok-9c1e-abcdef"
	secretSignature = "sig-2b8d-zyxwvu"
)

// protectServer serves every model on a fresh database holding one account
// (id 1, plan "pro") with one entry, and returns the database too.
func protectServer(tb testing.TB, opts ...crud.Option) (*router.Router, *orm.DB) {
	tb.Helper()
	db := newDB(tb)
	r := router.New()
	r.Auth = acceptToken
	r.Use(withDB(db))
	crud.Discover(r, "/api", opts...)
	ctx := orm.WithDB(context.Background(), db)
	a := &account{Name: "Ada", Password: secretPassword, Token: secretToken, Plan: "pro"}
	err := orm.Save(ctx, a)
	require.NoError(tb, err)
	e := &entry{Memo: "opening balance", Signature: secretSignature}
	e.Account.SetID(a.ID)
	err = orm.Save(ctx, e)
	require.NoError(tb, err)
	return r, db
}

// acceptToken is the router's Auth in these tests: "Bearer good" is valid.
func acceptToken(r *http.Request) (map[string]any, error) {
	if r.Header.Get("Authorization") == "Bearer good" {
		return map[string]any{"sub": "tester"}, nil
	}
	return nil, fmt.Errorf("bad token")
}

// snapshot is every account and entry row, hidden columns included.
func snapshot(tb testing.TB, db *orm.DB) string {
	tb.Helper()
	ctx := orm.WithDB(context.Background(), db)
	accounts, err := orm.Query[account](ctx).WithTrashed().OrderBy("id").Get()
	require.NoError(tb, err)
	entries, err := orm.Query[entry](ctx).OrderBy("id").Get()
	require.NoError(tb, err)
	var b strings.Builder
	for _, a := range accounts {
		fmt.Fprintf(&b, "%d|%s|%s|%s|%s|%s|%s|%v\n", a.ID, a.Name, a.Password, a.Token, a.Plan,
			a.CreatedAt.Format(time.RFC3339Nano), a.UpdatedAt.Format(time.RFC3339Nano), a.DeletedAt)
	}
	for _, e := range entries {
		fmt.Fprintf(&b, "%d|%d|%s|%s\n", e.ID, e.Account.ID, e.Memo, e.Signature)
	}
	return b.String()
}

// Mass assignment: columns a client may not set are never written from a
// request, on POST, PUT or PATCH; the answer is a 400 naming the column and
// no row changes.
func TestMassAssignmentRefused(t *testing.T) { dbtest.Each(t, testMassAssignmentRefused) }

func testMassAssignmentRefused(t *testing.T) {
	h, db := protectServer(t)
	fields := []struct{ column, value string }{
		{"id", "2"},
		{"id", "-1"},
		{"created_at", `"2001-02-03T04:05:06Z"`},
		{"updated_at", `"2001-02-03T04:05:06Z"`},
		{"deleted_at", `"2001-02-03T04:05:06Z"`},
		{"plan", `"enterprise"`},
		{"token", `"guess"`},
		{"token", `"` + secretToken + `"`}, // even the right value: no oracle
		{"token", `""`},
	}
	for _, method := range []string{"POST", "PUT", "PATCH"} {
		path := "/api/accounts/1"
		if method == "POST" {
			path = "/api/accounts"
		}
		for _, f := range fields {
			if method == "POST" && f.column == "token" && f.value == `""` {
				continue // the zero value on a new record is its current value
			}
			t.Run(method+" "+f.column+"="+f.value, func(t *testing.T) {
				before := snapshot(t, db)
				body := fmt.Sprintf(`{"name":"Mallory",%q:%s}`, f.column, f.value)
				res := mustCall(t, h, method, path, body, http.StatusBadRequest)
				msg, _ := res.JSON["error"].(string)
				assert.Contains(t, msg, f.column+": is read-only", "error %q does not name %s", res.Body, f.column)
				assert.NotContains(t, res.Body, secretToken, "answer shows the token")
				after := snapshot(t, db)
				assert.Equal(t, before, after, "rows changed:\n%s\nto\n%s", before, after)
			})
		}
	}
}

// A record read with GET can be sent back whole: unchanged read-only values
// are accepted, and the writable hidden column is written but not shown.
func TestReadOnlyRoundTripAndHiddenWrite(t *testing.T) {
	dbtest.Each(t, testReadOnlyRoundTripAndHiddenWrite)
}

func testReadOnlyRoundTripAndHiddenWrite(t *testing.T) {
	h, db := protectServer(t)
	got := mustCall(t, h, "GET", "/api/accounts/1", "", 200)
	body := fmt.Sprintf(`{"id":1,"name":"Ada L","plan":"pro","created_at":%q,"updated_at":%q,"deleted_at":null,"password":"new-pw-1"}`,
		got.JSON["created_at"], got.JSON["updated_at"])
	res := mustCall(t, h, "PUT", "/api/accounts/1", body, 200)
	assert.Equal(t, "Ada L", res.JSON["name"], "put")
	assert.NotContains(t, res.Body, "new-pw-1", "put")
	assert.Equal(t, nil, res.JSON["password"], "put")
	a, err := orm.Find[account](orm.WithDB(context.Background(), db), 1)
	require.NoError(t, err)
	assert.Equal(t, "new-pw-1", a.Password, "row after put")
	assert.Equal(t, secretToken, a.Token, "row after put")
	assert.Equal(t, "pro", a.Plan, "row after put")
}

// Hidden columns never appear in any answer: list, get, include in both
// directions, create, update, and errors about them.
func TestHiddenNeverShown(t *testing.T) { dbtest.Each(t, testHiddenNeverShown) }

func testHiddenNeverShown(t *testing.T) {
	h, _ := protectServer(t)
	tests := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/api/accounts", "", 200},
		{"GET", "/api/accounts/1", "", 200},
		{"GET", "/api/accounts?include=entries", "", 200},
		{"GET", "/api/accounts/1?include=entries", "", 200},
		{"GET", "/api/entries?include=account", "", 200},
		{"GET", "/api/entries/1", "", 200},
		{"POST", "/api/accounts", `{"name":"Bo","password":"` + secretPassword + `"}`, 201},
		{"PATCH", "/api/accounts/1", `{"name":"Ada B"}`, 200},
		{"POST", "/api/entries", `{"account_id":1,"memo":"x","signature":"` + secretSignature + `"}`, 400},
		{"POST", "/api/accounts", `{"name":"B","password":"` + secretPassword + `"}`, 400},
		{"PATCH", "/api/accounts/1", `{"password":5}`, 400},
		{"GET", "/api/accounts?password=" + secretPassword, "", 400},
		{"GET", "/api/accounts?password__startswith=pw", "", 400},
		{"GET", "/api/accounts?order=password", "", 400},
		{"GET", "/api/accounts?order=-token", "", 400},
		{"GET", "/api/entries?account__password=" + secretPassword, "", 400},
		{"GET", "/api/accounts?entries__signature=" + secretSignature, "", 400},
		{"POST", "/api/entries", `{"account_id":99,"memo":"dangling","signature":"` + secretSignature + `"}`, 409},
		{"DELETE", "/api/accounts/1", "", 204}, // soft delete
		{"GET", "/api/entries?include=account", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := mustCall(t, h, tt.method, tt.path, tt.body, tt.want)
			for _, s := range []string{secretPassword, secretToken, secretSignature, `"password"`, `"token"`, `"signature"`} {
				assert.NotContains(t, res.Body, s, "answer contains")
			}
		})
	}
}

// callAs sends a request with an optional bearer token.
func callAs(tb testing.TB, h http.Handler, token, method, path, body string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// AutoCrud is public by default; Secured, SecuredWrites and Configure
// guard it per model or for every model (TINA4_AUTOCRUD_SECURED).
func TestAutoCrudAccess(t *testing.T) { dbtest.Each(t, testAutoCrudAccess) }

func testAutoCrudAccess(t *testing.T) {
	type step struct {
		method, path, body string
		anon, authed       int // the status without a token, then with one
	}
	notes := func(anonRead, anonWrite int) []step {
		return []step{
			{"GET", "/api/notes", "", anonRead, 200},
			{"POST", "/api/notes", `{"title":"t"}`, anonWrite, 201},
			{"GET", "/api/notes/1", "", anonRead, 200},
			{"PUT", "/api/notes/1", `{"title":"u"}`, anonWrite, 200},
			{"PATCH", "/api/notes/1", `{"title":"v"}`, anonWrite, 200},
			{"DELETE", "/api/notes/1", "", anonWrite, 204},
		}
	}
	tests := []struct {
		name  string
		opts  []crud.Option
		steps []step
	}{
		{"public by default", nil, append(notes(200, 0), // 0: the anonymous write succeeds, see below
			step{"GET", "/api/vaults", "", 401, 200}, // configured Secured
			step{"POST", "/api/vaults", `{"label":"x"}`, 401, 201})},
		{"secured writes", []crud.Option{crud.SecuredWrites()}, notes(200, 401)},
		{"secured", []crud.Option{crud.Secured()}, append(notes(401, 401),
			step{"GET", "/api/entries", "", 200, 200}, // configured Public wins
			step{"GET", "/api/vaults", "", 401, 200})},
		{"WithAccess", []crud.Option{crud.WithAccess(crud.AccessSecured)}, notes(401, 401)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := protectServer(t, tt.opts...)
			for _, s := range tt.steps {
				if s.anon == 0 { // public: the anonymous request itself must succeed
					w := callAs(t, h, "", s.method, s.path, s.body)
					require.Equal(t, s.authed, w.Code, "%s %s anonymous: %d %s, want %d", s.method, s.path, w.Code, w.Body, s.authed)
					continue
				}
				w := callAs(t, h, "", s.method, s.path, s.body)
				require.Equal(t, s.anon, w.Code, "%s %s anonymous: %d %s, want %d", s.method, s.path, w.Code, w.Body, s.anon)
				if s.anon == 401 {
					assert.Equal(t, `{"error":"Unauthorized"}`, strings.TrimSpace(w.Body.String()), "401 body")
				}
				w = callAs(t, h, "bad", s.method, s.path, s.body)
				require.Equal(t, s.anon, w.Code, "%s %s with a bad token: %d, want %d", s.method, s.path, w.Code, s.anon)
				w = callAs(t, h, "good", s.method, s.path, s.body)
				require.Equal(t, s.authed, w.Code, "%s %s with a token: %d %s, want %d", s.method, s.path, w.Code, w.Body, s.authed)
			}
		})
	}
}

func TestParseAccess(t *testing.T) {
	for in, want := range map[string]crud.Access{
		"": crud.AccessPublic, "false": crud.AccessPublic, "public": crud.AccessPublic, "0": crud.AccessPublic,
		"true": crud.AccessSecured, "TRUE": crud.AccessSecured, "secured": crud.AccessSecured, "all": crud.AccessSecured,
		"writes": crud.AccessSecuredWrites, " Writes ": crud.AccessSecuredWrites,
	} {
		got, err := crud.ParseAccess(in)
		if assert.NoError(t, err, "ParseAccess(%q) = %v, %v; want %v", in, got, err, want) {
			assert.Equal(t, want, got, "ParseAccess(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"yes", "read", "2"} {
		_, err := crud.ParseAccess(bad)
		assert.Error(t, err, "ParseAccess(%q) accepted", bad)
	}
	assert.Equal(t, "writes", crud.AccessSecuredWrites.String(), "Access.String")
	assert.Equal(t, "Access(9)", crud.Access(9).String(), "Access.String")
}
