package schema_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

type Team struct {
	ID   string `db:"id,pk"`
	Name string
}

type Player struct {
	ID    int64
	Team  orm.ForeignKey[Team]  `db:"team_id"`
	Coach orm.ForeignKey[Owner] `db:"coach_id,null"`
}

// A foreign key's codecs follow its target's key: text for a text-keyed
// model (in Text), an integer otherwise (in ID); the zero key is NULL.
func TestForeignKeyCodecs(t *testing.T) {
	m, err := schema.Of(reflect.TypeFor[Player]())
	require.NoError(t, err)
	team, coach := m.Field("team_id"), m.Field("coach_id")
	assert.Equal(t, schema.String, team.Kind)
	assert.Equal(t, schema.Int, coach.Kind)
	assert.Equal(t, schema.CodecKey, team.Codec())

	t.Run("decode", func(t *testing.T) {
		v, err := team.DecodeJSON([]byte(`"t-1"`))
		require.NoError(t, err)
		assert.Equal(t, "t-1", v.Interface().(orm.ForeignKey[Team]).Text)
		for _, bad := range []string{`5`, `""`} {
			_, err = team.DecodeJSON([]byte(bad))
			assert.EqualError(t, err, "must be a string", bad)
		}
		v, err = coach.DecodeJSON([]byte(`7`))
		require.NoError(t, err)
		assert.Equal(t, int64(7), v.Interface().(orm.ForeignKey[Owner]).ID)
	})

	p := &Player{ID: 1}
	p.Team.SetText("t-2")
	rv := reflect.ValueOf(p).Elem()
	t.Run("bind and value", func(t *testing.T) {
		assert.Equal(t, "t-2", team.Bind(rv.FieldByIndex(team.Index), dialect.SQLite{}))
		assert.Nil(t, coach.Bind(rv.FieldByIndex(coach.Index), dialect.SQLite{}), "0 is NULL")
		assert.Equal(t, "t-2", team.ValueIn(p))
	})
	t.Run("json", func(t *testing.T) {
		var out []byte
		for i := range m.JSONPlan() {
			jf := &m.JSONPlan()[i]
			out = append(out, jf.Key...)
			out, err = jf.Append(out, rv.FieldByIndex(jf.F.Index))
			require.NoError(t, err)
			out = append(out, ' ')
		}
		assert.Equal(t, `"id":1 "team_id":"t-2" "coach_id":null `, string(out))
	})
	t.Run("scan", func(t *testing.T) {
		var q Player
		qv := reflect.ValueOf(&q).Elem()
		require.NoError(t, team.Scan(qv.FieldByIndex(team.Index), []byte("t-3")))
		require.NoError(t, coach.Scan(qv.FieldByIndex(coach.Index), int64(4)))
		assert.Equal(t, "t-3", q.Team.Text)
		assert.Equal(t, int64(4), q.Coach.ID)
	})
	t.Run("a body sets a text key", func(t *testing.T) {
		d, err := m.DecodeJSON([]byte(`{"team_id":"t-9"}`), p, schema.DecodeOptions{})
		require.NoError(t, err)
		assert.Empty(t, d.Problems)
		d.Apply(p)
		assert.Equal(t, "t-9", p.Team.Text)
		assert.Zero(t, p.Team.ID)
	})
}
