package schema_test

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

type Owner struct {
	ID   int64
	Name string
}

type Row struct {
	ID       int64
	Title    string `validate:"required"`
	Views    int32
	Price    float64
	On       bool
	At       time.Time
	Maybe    *time.Time
	Note     sql.NullString
	Count    sql.Null[int64]
	Blob     []byte
	Owner    orm.ForeignKey[Owner]     `db:"owner_id"`
	Editor   orm.NullForeignKey[Owner] `db:"editor_id" related_name:"edited_rows"`
	Secret   string                    `db:"secret,hidden"`
	Code     string                    `db:"code,readonly"`
	Created  time.Time                 `db:"created_at,auto_now_add"`
	Category string                    `default:"general"`
}

func rowModel(t *testing.T) *schema.Model {
	t.Helper()
	m, err := schema.Of(reflect.TypeFor[Row]())
	require.NoError(t, err)
	return m
}

func TestFieldDecodeJSON(t *testing.T) {
	m := rowModel(t)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		column, raw string
		want        any
		problem     string
	}{
		{"title", `"x"`, "x", ""},
		{"title", `5`, nil, "must be a string"},
		{"title", `null`, nil, "must not be null"},
		{"views", `7`, int32(7), ""},
		{"views", `1e20`, nil, "must be an integer (a whole number within range)"},
		{"views", `1.5`, nil, "must be an integer (a whole number within range)"},
		{"price", `1.5`, 1.5, ""},
		{"price", `"1.5"`, nil, "must be a number"},
		{"on", `true`, true, ""},
		{"on", `1`, nil, "must be true or false"},
		{"at", `"2026-01-02T05:04:05+02:00"`, at, ""},
		{"at", `"10000-01-01T00:00:00Z"`, nil, "must be an RFC 3339 time string in the years 1 to 9999"},
		{"maybe", `null`, (*time.Time)(nil), ""},
		{"maybe", `"2026-01-02T03:04:05Z"`, &at, ""},
		{"note", `"n"`, sql.NullString{String: "n", Valid: true}, ""},
		{"note", `null`, sql.NullString{}, ""},
		{"note", `3`, nil, "must be a string"},
		{"count", `4`, sql.Null[int64]{V: 4, Valid: true}, ""},
		{"blob", `"aGk="`, []byte("hi"), ""},
		{"blob", `"!"`, nil, "must be a base64 string"},
		{"owner_id", `9`, orm.ForeignKey[Owner]{ID: 9}, ""},
		{"owner_id", `"9"`, nil, "must be an integer (a whole number within range)"},
		{"editor_id", `null`, orm.NullForeignKey[Owner]{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.column+" "+tt.raw, func(t *testing.T) {
			f := m.Field(tt.column)
			require.NotNil(t, f)
			v, err := f.DecodeJSON([]byte(tt.raw))
			if tt.problem != "" {
				require.Error(t, err)
				assert.Equal(t, tt.problem, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, v.Interface())
		})
	}
}

func TestModelDecodeJSON(t *testing.T) {
	m := rowModel(t)
	stored := func() *Row {
		return &Row{ID: 3, Title: "old", Code: "C1", Secret: "s", Owner: orm.ForeignKey[Owner]{ID: 2}}
	}
	t.Run("sets only after Apply", func(t *testing.T) {
		row := stored()
		d, err := m.DecodeJSON([]byte(`{"title":"new","views":2,"owner_id":5}`), row, schema.DecodeOptions{})
		require.NoError(t, err)
		assert.Empty(t, d.Problems)
		assert.Equal(t, map[string]bool{"title": true, "views": true, "owner_id": true}, d.Sent)
		assert.Equal(t, "old", row.Title, "DecodeJSON sets nothing")
		d.Apply(row)
		assert.Equal(t, "new", row.Title)
		assert.Equal(t, int32(2), row.Views)
		assert.Equal(t, int64(5), row.Owner.ID)
	})
	t.Run("every problem is reported", func(t *testing.T) {
		body := `{"nope":1,"title":"a","title":"b","views":"x","code":"C2","secret":"s","id":3,"created_at":null,"price":null}`
		d, err := m.DecodeJSON([]byte(body), stored(), schema.DecodeOptions{})
		require.NoError(t, err)
		assert.Equal(t, []string{
			`unknown field "nope"`,
			`duplicate field "title"`,
			"views: must be an integer (a whole number within range)",
			"code: is read-only",
			"created_at: is read-only",
			"price: " + schema.MsgRequired,
		}, d.Problems)
		require.Len(t, d.Nulls, 1)
		assert.Equal(t, "price", d.Nulls[0].Column)
	})
	t.Run("a read-only column may be sent with its current value", func(t *testing.T) {
		d, err := m.DecodeJSON([]byte(`{"id":3,"code":"C1","owner_id":2}`), stored(), schema.DecodeOptions{})
		require.NoError(t, err)
		assert.Empty(t, d.Problems)
	})
	t.Run("Other decides about keys that are not columns", func(t *testing.T) {
		var asked []string
		opt := schema.DecodeOptions{Other: func(key string, raw json.RawMessage) (bool, string) {
			asked = append(asked, key+"="+string(raw))
			return key != "x", map[string]string{"owner": "owner: a relation"}[key]
		}}
		d, err := m.DecodeJSON([]byte(`{"owner":{"id":2},"tags":[],"x":1}`), stored(), opt)
		require.NoError(t, err)
		assert.Equal(t, []string{`owner={"id":2}`, "tags=[]", "x=1"}, asked)
		assert.Equal(t, []string{"owner: a relation", `unknown field "x"`}, d.Problems)
	})
	syntax := []struct{ body, want string }{
		{``, "empty body"},
		{`[1]`, "expected an object, got an array"},
		{`"s"`, "expected an object, got a string"},
		{`{"title":"a"`, "unexpected end of input"},
		{`{"title":"a"} {}`, "unexpected data after the object"},
		{`{"title" 1}`, "expected colon after object key (at byte 9)"},
	}
	for _, tt := range syntax {
		t.Run("syntax "+tt.body, func(t *testing.T) {
			_, err := m.DecodeJSON([]byte(tt.body), stored(), schema.DecodeOptions{})
			var se *schema.SyntaxError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.want, err.Error())
		})
	}
	t.Run("wrong destination type", func(t *testing.T) {
		_, err := m.DecodeJSON([]byte(`{}`), &Owner{}, schema.DecodeOptions{})
		assert.EqualError(t, err, "orm: want a non-nil *Row, got *schema_test.Owner")
	})
}

func TestModelValues(t *testing.T) {
	m := rowModel(t)
	row := &Row{Views: 4}
	assert.True(t, m.IsNew(row))
	m.ApplyDefaults(row, map[string]bool{})
	assert.Equal(t, "general", row.Category)
	row2 := &Row{}
	m.ApplyDefaults(row2, map[string]bool{"category": true})
	assert.Empty(t, row2.Category, "a sent column keeps its value")
	c := m.Clone(row).(*Row)
	c.Title = "changed"
	assert.Empty(t, row.Title, "Clone copies")
	assert.Equal(t, int32(4), m.Field("views").In(row))
	assert.Equal(t, "x4", string(m.Field("views").AppendInt([]byte("x"), row)))
	row.Owner.ID = 0
	assert.Nil(t, m.Field("owner_id").ValueIn(row), "a zero key is NULL")
	row.ID = 1
	assert.False(t, m.IsNew(row))
}
