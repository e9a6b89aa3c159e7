package orm_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestToDictAndJSON(t *testing.T) {
	at := time.Date(2026, 3, 22, 14, 30, 0, 0, time.UTC)
	n := Note{ID: 1, Title: "Shopping List", Content: "Milk, eggs", Category: "personal", CreatedAt: at, UpdatedAt: at}

	js, err := orm.ToJSON(&n)
	must(t, err)
	want := `{"id":1,"title":"Shopping List","content":"Milk, eggs","category":"personal","pinned":false,"views":0,"created_at":"2026-03-22T14:30:00Z","updated_at":"2026-03-22T14:30:00Z"}`
	require.Equal(t, want, string(js), "ToJSON:\n got %s\nwant %s", js, want)

	d, err := orm.ToDict(n, "id", "title")
	must(t, err)
	require.Len(t, d, 2, "picked dict")
	require.Equal(t, int64(1), d["id"], "picked dict")
	require.Equal(t, "Shopping List", d["title"], "picked dict")

	t.Run("hidden fields never serialise", func(t *testing.T) {
		a := Account{ID: 1, FirstName: "Ann", PasswordHash: "secret"}
		d, err := orm.ToDict(&a)
		must(t, err)
		_, ok := d["password_hash"]
		require.False(t, ok, "dict = %v", d)
		require.Equal(t, "Ann", d["fname"], "dict = %v", d)
		d, _ = orm.ToDict(&a, "password_hash")
		js, _ := orm.ToJSON(&a)
		require.Len(t, d, 0, "hidden field leaked: %v %s", d, js)
		require.Equal(t, `{"id":1,"fname":"Ann","email":""}`, string(js), "hidden field leaked: %v %s", d, js)
	})
	t.Run("NULLs are null", func(t *testing.T) {
		js, err := orm.ToJSON(&Sample{ID: 2}, "seen", "nick", "score", "maybe")
		must(t, err)
		require.Equal(t, `{"nick":null,"score":null,"seen":null,"maybe":null}`, string(js), "got %s", js)
	})
	t.Run("Dicts marshal a slice", func(t *testing.T) {
		js, err := json.Marshal(orm.Dicts([]Account{{ID: 1, FirstName: "A", PasswordHash: "x"}}))
		must(t, err)
		require.Equal(t, `[{"id":1,"fname":"A","email":""}]`, string(js), "got %s", js)
	})
}
