package schema

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shout is a named string that decodes itself: decodeScalar must leave it
// to encoding/json.
type shout string

func (s *shout) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v == "" {
		return errors.New("empty")
	}
	*s = shout(strings.ToUpper(v))
	return nil
}

type flatRow struct {
	ID      int64
	Title   string
	Small   int8
	Count   uint16
	Ratio   float32
	Price   float64
	On      bool
	Loud    shout
	Maybe   *string
	Code    string    `db:"code,readonly"`
	Secret  string    `db:"secret,hidden"`
	Created time.Time `db:"created,auto_now_add"`
}

// flatBodies are bodies for the fast path and around its edges: each must
// decode the same through decodeFlat (when it takes it) and decodeStream.
var flatBodies = []string{
	`{}`, ` { } `, `{"title":"a"}`, "\t{\n\"title\" : \"a\" ,\r\"small\":-8 }\n",
	`{"title":"Über fast ✓","price":1.5e3,"ratio":-0.25,"on":true,"count":65535}`,
	`{"small":127}`, `{"small":128}`, `{"small":-129}`, `{"count":-1}`, `{"count":65536}`, `{"count":1e2}`,
	`{"small":1.0}`, `{"small":-0}`, `{"price":1e400}`, `{"ratio":1e39}`, `{"price":-0.0}`, `{"price":1E-400}`,
	`{"on":false}`, `{"on":1}`, `{"on":"true"}`, `{"title":5}`, `{"title":true}`, `{"title":null}`,
	`{"maybe":null}`, `{"maybe":"x"}`, `{"loud":"hey"}`, `{"loud":""}`, `{"loud":5}`,
	`{"code":""}`, `{"code":"X"}`, `{"secret":""}`, `{"id":0}`, `{"id":1}`, `{"id":null}`, `{"created":"2026-01-02T03:04:05Z"}`, `{"created":"0001-01-01T00:00:00Z"}`,
	`{"Title":"a"}`, `{"nope":1}`, `{"title":"a","title":"b"}`, `{"title":"a\"b"}`, `{"title":"a\u00e9"}`,
	`{"title":"a\nb"}`, "{\"title\":\"a\tb\"}", "{\"title\":\"\xff\"}", `{"t\u0069tle":"a"}`,
	`{"title":"a",}`, `{,}`, `{"title"}`, `{"title":}`, `{"title":"a"} x`, `{"title":"a"}{}`, `[]`, `""`, ``,
	`{"small":01}`, `{"small":+1}`, `{"small":1.}`, `{"small":.5}`, `{"small":-}`, `{"small":1e}`, `{"small":1x}`,
	`{"on":tru}`, `{"on":truex}`, `{"on":nul}`, `{"title":"a"`, `{"title":{"x":1}}`, `{"title":[1]}`,
	`{"price":0.1,"ratio":3.4028235e38,"small":-128,"count":0}`,
	// more members than flatDecoded holds inline, and a body too long to share its text
	`{"title":"a","small":1,"count":2,"ratio":0.5,"price":1,"on":true,"maybe":"m","code":"C","id":1,"extra":"x"}`,
	`{"title":"` + strings.Repeat("ü", 600) + `","maybe":"` + strings.Repeat("m", 100) + `"}`,
}

// TestDecodeFlatCopiesText: the strings decoded do not share the caller's
// body bytes (a router may reuse them), whether the body's text is shared
// between its values (short) or each is copied (long).
func TestDecodeFlatCopiesText(t *testing.T) {
	m := flatModel(t)
	for _, title := range []string{"Über ✓", strings.Repeat("x", sharedTextMax)} {
		t.Run(title[:5], func(t *testing.T) {
			b := []byte(`{"title":"` + title + `","maybe":"mm","loud":"hey"}`)
			row := reflect.ValueOf(&flatRow{}).Elem()
			d, ok := m.decodeFlat(b, row, DecodeOptions{})
			require.True(t, ok)
			require.Empty(t, d.Problems)
			for i := range b {
				b[i] = '#'
			}
			d.Apply(row.Addr().Interface())
			got := row.Interface().(flatRow)
			assert.Equal(t, title, got.Title)
			require.NotNil(t, got.Maybe)
			assert.Equal(t, "mm", *got.Maybe)
			assert.Equal(t, shout("HEY"), got.Loud)
		})
	}
}

func TestDecodeFlatAgrees(t *testing.T) {
	for _, body := range flatBodies {
		t.Run(body, func(t *testing.T) { checkFlatAgrees(t, body) })
	}
	t.Run("the common bodies take the fast path", func(t *testing.T) {
		m := flatModel(t)
		for _, body := range []string{`{"title":"Über ✓","small":3,"price":1.5,"on":true}`, `{}`, `{"nope":1}`} {
			_, ok := m.decodeFlat([]byte(body), reflect.ValueOf(&flatRow{}).Elem(), DecodeOptions{})
			assert.True(t, ok, body)
		}
	})
}

func FuzzDecodeFlat(f *testing.F) {
	for _, body := range flatBodies {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) { checkFlatAgrees(t, body) })
}

func flatModel(t testing.TB) *Model {
	m, err := Of(reflect.TypeFor[flatRow]())
	require.NoError(t, err)
	return m
}

// checkFlatAgrees decodes body both ways against the same stored row, with
// an Other that takes "extra", and compares everything decoded.
func checkFlatAgrees(t testing.TB, body string) {
	m := flatModel(t)
	title := "t"
	stored := func() reflect.Value {
		return reflect.ValueOf(&flatRow{ID: 1, Title: "old", Code: "C", Secret: "s", Maybe: &title}).Elem()
	}
	var asked []string
	opt := DecodeOptions{Other: func(key string, raw json.RawMessage) (bool, string) {
		asked = append(asked, key+"="+string(raw))
		return key == "extra", ""
	}}
	flat, ok := m.decodeFlat([]byte(body), stored(), opt)
	if !ok {
		return
	}
	flatAsked := asked
	asked = nil
	slow, err := m.decodeStream([]byte(body), stored(), opt)
	require.NoError(t, err, "decodeFlat took a body decodeStream refuses: %q", body)
	assert.Equal(t, slow.Sent, flat.Sent)
	assert.Equal(t, slow.Problems, flat.Problems)
	assert.Equal(t, slow.Nulls, flat.Nulls)
	assert.Equal(t, asked, flatAsked)
	a, b := stored(), stored()
	slow.Apply(a.Addr().Interface())
	flat.Apply(b.Addr().Interface())
	assert.Equal(t, a.Interface(), b.Interface(), "the values set, for %q", body)
}

// FuzzDecodeScalar: whatever decodeScalar converts, Field.DecodeJSON (the
// general conversion) converts to the same value, for every field of
// flatRow, with and without an arena.
func FuzzDecodeScalar(f *testing.F) {
	for _, raw := range []string{`"a"`, `"Über ✓"`, `"a\"b"`, `"\u00e9"`, `7`, `-0`, `1.5`, `1e3`, `-129`, `128`,
		`65536`, `1e400`, `true`, `false`, `null`, `"7"`, `"true"`, `""`, `[]`, `{}`} {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkScalarAgrees(t, raw) })
}

func TestDecodeScalarAgrees(t *testing.T) {
	for _, raw := range []string{`"a"`, `"Über ✓"`, `7`, `-0`, `1.5`, `1e3`, `-129`, `128`, `65536`, `1e400`, `3.4028235e38`,
		`true`, `false`, `null`, `"7"`, `"true"`, `""`, `"\u00e9"`, "\"\xff\""} {
		t.Run(raw, func(t *testing.T) { checkScalarAgrees(t, raw) })
	}
}

func checkScalarAgrees(t *testing.T, raw string) {
	if !json.Valid([]byte(raw)) {
		return // decodeScalar is handed one JSON value, checked by its caller
	}
	m := flatModel(t)
	for _, f := range m.Fields {
		for _, a := range []*scalarArena{nil, {}} {
			if a != nil && raw[0] == '"' && !plainString([]byte(raw)) {
				continue // decodeFlat hands an arena only plain strings
			}
			v, ok := f.decodeScalar([]byte(raw), a)
			if !ok {
				continue
			}
			want, err := f.DecodeJSON([]byte(raw))
			require.NoError(t, err, "%s %s", f.Column, raw)
			assert.Equal(t, want.Interface(), v.Interface(), "%s %s", f.Column, raw)
			assert.Equal(t, f.Type, v.Type())
		}
	}
}
