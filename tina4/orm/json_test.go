package orm

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type loud string

func (l loud) MarshalJSON() ([]byte, error) { return json.Marshal(strings.ToUpper(string(l))) }

type jsonRow struct {
	ID      int64          `db:"id"`
	Name    string         `db:"name"`
	Note    *string        `db:"note"`
	Small   int8           `db:"small"`
	Big     uint64         `db:"big"`
	Flag    bool           `db:"flag"`
	Opt     *bool          `db:"opt"`
	Score   float64        `db:"score"`
	At      time.Time      `db:"at"`
	Maybe   *time.Time     `db:"maybe"`
	NT      sql.NullTime   `db:"nt"`
	NS      sql.NullString `db:"ns"`
	Shout   loud           `db:"shout"`
	Blob    []byte         `db:"blob"`
	Secret  string         `db:"secret,hidden"`
	Related ForeignKey[jsonRow]
}

// referenceJSON is ToJSON as it was written before AppendJSON: encoding/json
// on every key and plain value.
func referenceJSON(t *testing.T, m *Model, rv reflect.Value) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	for _, f := range m.Fields {
		if f.Hidden {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(f.Column)
		v, err := json.Marshal(f.Value(rv.FieldByIndex(f.Index)))
		require.NoError(t, err)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	m, err := modelOfType(reflect.TypeFor[jsonRow]())
	require.NoError(t, err)
	note, yes := "a \"quoted\" note\n", true
	when := time.Date(2024, 2, 29, 23, 59, 59, 123456789, time.FixedZone("X", 3600))
	far := time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := map[string]jsonRow{
		"zero":  {},
		"plain": {ID: 1, Name: "Ann", Small: -8, Big: 1 << 63, Flag: true, Score: 2.5, At: when},
		"unicode and html": {ID: 2, Name: "Zoë ✓ <b>&</b>", Note: &note, Opt: &yes, Maybe: &when,
			NT: sql.NullTime{Time: when, Valid: true}, NS: sql.NullString{String: "x", Valid: true}, Shout: "quiet", Blob: []byte{0, 1, 255}},
		"separators":   {Name: "line\u2028para\u2029end"},
		"bad utf8":     {Name: "a\xffb"},
		"control":      {Name: "tab\there\x01"},
		"tiny float":   {Score: 1e-9},
		"huge float":   {Score: 1e21},
		"hidden":       {Secret: "never"},
		"foreign key":  {Related: ForeignKey[jsonRow]{ID: 42}},
		"empty string": {Name: ""},
	}
	for name, row := range rows {
		t.Run(name, func(t *testing.T) {
			rv := reflect.ValueOf(&row).Elem()
			want := referenceJSON(t, m, rv)
			got, err := AppendJSON([]byte("prefix"), &row)
			require.NoError(t, err)
			require.Equal(t, "prefix"+string(want), string(got), "AppendJSON")
			require.NotContains(t, string(got), "never", "hidden field written")
		})
	}
	// A time encoding/json refuses is refused here too.
	_, err = AppendJSON(nil, &jsonRow{At: far})
	require.Error(t, err, "year 12000: want an error, as encoding/json gives")
}
