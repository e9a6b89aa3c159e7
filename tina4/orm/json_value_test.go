package orm_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The models of the AppendValueJSON tests: a hidden column each, a key with a
// Go name unlike its column, and relations both ways.
type jvWriter struct {
	ID       int64                 `db:"id"`
	FullName string                `db:"full_name"`
	Secret   string                `db:"secret,hidden"`
	Letters  orm.HasMany[jvLetter] `fk:"writer_id"`
}

func (jvWriter) TableName() string { return "jv_writers" }

type jvLetter struct {
	ID     int64                    `db:"id"`
	Writer orm.ForeignKey[jvWriter] `db:"writer_id"`
	Body   string                   `db:"body"`
	Stamp  string                   `db:"stamp,hidden"`
}

func (jvLetter) TableName() string { return "jv_letters" }

// jvPlain looks like a model but is not registered: encoding/json encodes it.
type jvPlain struct {
	ID     int64  `db:"id"`
	Secret string `db:"secret,hidden"`
}

func init() {
	orm.Register[jvWriter]()
	orm.Register[jvLetter]()
}

// jvData saves a writer with two letters on a fresh SQLite database and
// returns them loaded with their relations, and the models' AutoCrud JSON.
func jvData(t *testing.T) (*jvWriter, []jvLetter, string, string) {
	t.Helper()
	db, err := orm.Open("sqlite:///" + filepath.Join(t.TempDir(), "jv.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := orm.WithDB(context.Background(), db)
	require.NoError(t, orm.CreateTables(ctx))
	w := &jvWriter{FullName: "Ada <Lovelace>", Secret: "w-secret"}
	require.NoError(t, orm.Save(ctx, w))
	for _, body := range []string{"first", "second"} {
		l := &jvLetter{Body: body, Stamp: "l-secret"}
		l.Writer.SetID(w.ID)
		require.NoError(t, orm.Save(ctx, l))
	}
	w, err = orm.Find[jvWriter](ctx, w.ID, orm.Include("letters"))
	require.NoError(t, err)
	letters, err := orm.Query[jvLetter](ctx).Include("writer").OrderBy("id").Get()
	require.NoError(t, err)
	wj, err := orm.AppendJSON(nil, w)
	require.NoError(t, err)
	lj, err := orm.AppendJSON(nil, &letters[0])
	require.NoError(t, err)
	return w, letters, string(wj), string(lj)
}

// Every shape a handler may pass holds its models in AutoCrud's JSON; the
// rest of the value is encoded as encoding/json encodes it (HTML
// characters unescaped, as the response package writes).
func TestAppendValueJSONShapes(t *testing.T) {
	w, letters, wj, lj := jvData(t)
	l0, l1 := &letters[0], &letters[1]
	lj1, err := orm.AppendJSON(nil, l1)
	require.NoError(t, err)
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	type page struct {
		Data  []*jvLetter `json:"data"`
		Total int         `json:"total"`
		Skip  int         `json:"-"`
	}
	type envelope struct {
		Result any       `json:"result"`
		At     time.Time `json:"at"`
		Note   string    `json:"note,omitempty"`
	}
	type byValue struct {
		Writer jvWriter
		Count  int `json:"count,string"`
	}
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"model", *w, wj},
		{"pointer", w, wj},
		{"pointer to pointer", &w, wj},
		{"slice of models", letters, "[" + lj + "," + string(lj1) + "]"},
		{"slice of pointers", []*jvLetter{l0, nil}, "[" + lj + ",null]"},
		{"array", [1]*jvLetter{l0}, "[" + lj + "]"},
		{"map of any", map[string]any{"z": 1, "a": l0, "html": "<b>&</b>"},
			`{"a":` + lj + `,"html":"<b>&</b>","z":1}`},
		{"map of models", map[int]jvLetter{2: *l1, 1: *l0}, `{"1":` + lj + `,"2":` + string(lj1) + `}`},
		{"nested any", map[string]any{"data": []any{map[string]any{"w": w}}, "n": nil},
			`{"data":[{"w":` + wj + `}],"n":null}`},
		{"struct with model slice", page{Data: []*jvLetter{l0}, Total: 1, Skip: 9}, `{"data":[` + lj + `],"total":1}`},
		{"struct with any field", envelope{Result: w, At: when},
			`{"result":` + wj + `,"at":"2026-01-02T03:04:05Z"}`},
		{"pointer to struct by value", &byValue{Writer: *w, Count: 3}, `{"Writer":` + wj + `,"count":"3"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, ok, err := orm.AppendValueJSON([]byte("prefix:"), tc.v)
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, "prefix:"+tc.want, string(out))
			assert.NotContains(t, string(out), "secret")
			assert.NotContains(t, string(out), "FullName")
		})
	}
}

// Values that hold no model are left to encoding/json (ok false, dst
// unchanged), whatever their type.
func TestAppendValueJSONLeavesOtherValues(t *testing.T) {
	var nilLetter *jvLetter
	for name, v := range map[string]any{
		"nil":                 nil,
		"string":              "x",
		"map of strings":      map[string]string{"error": "Not found"},
		"map of any":          map[string]any{"a": []any{1, "b", map[string]any{}}, "t": time.Now()},
		"unregistered struct": jvPlain{ID: 1, Secret: "s"},
		"nil model pointer":   nilLetter,
		"empty model slice":   []jvLetter{},
		"any holding nil":     map[string]any{"w": nilLetter},
		"raw message":         json.RawMessage(`{"a":1}`),
		"dict":                orm.Dict{},
	} {
		t.Run(name, func(t *testing.T) {
			out, ok, err := orm.AppendValueJSON([]byte("x"), v)
			require.NoError(t, err)
			assert.False(t, ok)
			assert.Equal(t, "x", string(out))
		})
	}
}

// A value that holds a model somewhere is encoded exactly as encoding/json
// encodes the same value with each model replaced by its AutoCrud JSON.
func TestAppendValueJSONMatchesEncodingJSON(t *testing.T) {
	w, _, wj, _ := jvData(t)
	f := 1.5e-7
	type inner struct {
		A int            `json:"a,omitempty"`
		B *float64       `json:"b"`
		C []byte         `json:"c"`
		D map[string]int `json:"d"`
		E []string       `json:"e"`
		F any            `json:"f"`
		G string         `json:"g,string"`
		H json.Number    `json:"h"`
		//lint:ignore SA5008 the "-," name (a key called "-") is one of the cases compared with encoding/json
		I uint8            `json:"-,"`
		J map[int]bool     `json:"j"`
		K [2]bool          `json:"k"`
		L interface{ M() } `json:"l"`
		//lint:ignore U1000 an unexported field, which encoding/json skips, is one of the cases
		u  int
		Em struct{ X, Y int } `json:"em"`
	}
	v := func(model any) any {
		return map[string]any{
			"model": model,
			"inner": inner{B: &f, C: []byte("hi\u2028"), D: map[string]int{"b": 2, "a": 1}, F: []any{1.0, "x<y>", true, nil},
				G: "q", H: "12.50", I: 7, J: map[int]bool{25: true, -1: false}},
			"list": []any{map[string]any{"k": "v"}, 3, "é\u2029"},
		}
	}
	got, ok, err := orm.AppendValueJSON(nil, v(w))
	require.NoError(t, err)
	require.True(t, ok)
	want, err := json.Marshal(v("@model@"))
	require.NoError(t, err)
	// encoding/json escapes HTML characters by default; the response does
	// not (the model's own JSON is AppendJSON's, byte for byte)
	unescape := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&")
	assert.Equal(t, strings.Replace(unescape.Replace(string(want)), `"@model@"`, wj, 1), string(got))
}

// A model embedded without a json name would be inlined by encoding/json
// under Go names, hidden fields included: it is an error, not a leak.
func TestAppendValueJSONRefusesEmbeddedModels(t *testing.T) {
	_, letters, _, _ := jvData(t)
	type withModel struct {
		jvLetter
		Extra int
	}
	type withPointer struct {
		*jvLetter
		Extra int
	}
	type tagged struct {
		jvLetter `json:"letter"`
	}
	for name, v := range map[string]any{
		"embedded":         withModel{jvLetter: letters[0], Extra: 1},
		"embedded pointer": &withPointer{jvLetter: &letters[0]},
		"in a map":         map[string]any{"x": []withModel{{jvLetter: letters[0]}}},
		"unexported named": tagged{letters[0]},
	} {
		t.Run(name, func(t *testing.T) {
			out, ok, err := orm.AppendValueJSON(nil, v)
			require.Error(t, err)
			assert.True(t, ok)
			assert.Empty(t, out)
		})
	}
	// a nil embedded pointer is left out by encoding/json: nothing to refuse
	out, ok, err := orm.AppendValueJSON(nil, withPointer{Extra: 2})
	require.NoError(t, err)
	assert.False(t, ok, "%s", out)
}

// BenchmarkAppendValueJSON measures the check of values without a model
// (the cost every res.JSON pays) and the encoding of one that holds one.
func BenchmarkAppendValueJSON(b *testing.B) {
	letter := &jvLetter{ID: 1, Body: "hello", Stamp: "s"}
	for name, v := range map[string]any{
		"plain struct": struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		}{7, "Buy milk"},
		"plain map":  map[string]any{"error": "Not found", "n": 1},
		"model":      letter,
		"map models": map[string]any{"data": []*jvLetter{letter, letter}, "total": 2},
	} {
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 1024)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := orm.AppendValueJSON(buf[:0], v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
