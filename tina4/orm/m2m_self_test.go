package orm_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Person has a symmetrical and a directed relation with itself.
type Person struct {
	ID      int64                  `db:"id"`
	Name    string                 `db:"name"`
	Friends orm.ManyToMany[Person] // symmetrical: friendship goes both ways
	Follows orm.ManyToMany[Person] `symmetrical:"false" through:"follows"`
}

func (Person) TableName() string { return "people" }

func names(rows []Person) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

func TestSelfManyToManyMetadata(t *testing.T) {
	m, err := orm.ModelOf[Person]()
	require.NoError(t, err)
	table, own, other, ok := m.Relation("friends").Junction()
	require.True(t, ok)
	assert.Equal(t, []string{"people_friends", "from_person_id", "to_person_id"}, []string{table, own, other})
	assert.True(t, m.Relation("friends").Symmetrical())
	table, own, other, ok = m.Relation("follows").Junction()
	require.True(t, ok)
	assert.Equal(t, []string{"follows", "from_person_id", "to_person_id"}, []string{table, own, other})
	assert.False(t, m.Relation("follows").Symmetrical())

	// Junction names come from table names: Story and Label keep theirs.
	sm, err := orm.ModelOf[Story]()
	require.NoError(t, err)
	table, own, other, _ = sm.Relation("labels").Junction()
	assert.Equal(t, []string{"label_story", "story_id", "label_id"}, []string{table, own, other})
}

func TestSelfManyToMany(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Person])
		people := make([]Person, 4)
		for i, n := range []string{"ann", "bob", "cid", "dee"} {
			people[i].Name = n
		}
		require.NoError(t, orm.InsertMany(ctx, people))
		ann, bob, cid, dee := &people[0], &people[1], &people[2], &people[3]

		friendsOf := func(p *Person) []string {
			rows, err := p.Friends.Query(ctx).OrderBy("name").Get()
			require.NoError(t, err)
			return names(rows)
		}
		require.NoError(t, ann.Friends.Add(ctx, bob, cid))
		assert.Equal(t, []string{"bob", "cid"}, friendsOf(ann))
		assert.Equal(t, []string{"ann"}, friendsOf(bob), "symmetrical: bob is ann's friend, so ann is bob's")

		require.NoError(t, bob.Friends.Remove(ctx, ann))
		assert.Equal(t, []string{"cid"}, friendsOf(ann), "removed both ways")
		assert.Empty(t, friendsOf(bob))

		require.NoError(t, dee.Friends.Set(ctx, ann, bob))
		assert.Equal(t, []string{"ann", "bob"}, friendsOf(dee))
		assert.Equal(t, []string{"cid", "dee"}, friendsOf(ann))
		require.NoError(t, dee.Friends.Clear(ctx))
		assert.Equal(t, []string{"cid"}, friendsOf(ann), "cleared both ways")

		t.Run("directed", func(t *testing.T) {
			require.NoError(t, ann.Follows.Add(ctx, bob))
			n, err := ann.Follows.Count(ctx)
			require.NoError(t, err)
			assert.Equal(t, 1, n)
			n, err = bob.Follows.Count(ctx)
			require.NoError(t, err)
			assert.Equal(t, 0, n, "following is one way")
		})
		t.Run("prefetch", func(t *testing.T) {
			log.Reset()
			rows, err := orm.Query[Person](ctx).PrefetchRelated("friends", "follows").OrderBy("id").Get()
			require.NoError(t, err)
			assert.Equal(t, 3, log.Count(), "one query per relation")
			f, ok := rows[0].Friends.Loaded()
			require.True(t, ok)
			assert.Equal(t, []string{"cid"}, names(f))
			f, _ = rows[2].Friends.Loaded()
			assert.Equal(t, []string{"ann"}, names(f))
			fl, _ := rows[0].Follows.Loaded()
			assert.Equal(t, []string{"bob"}, names(fl))
		})
		t.Run("deleting a person removes its pairs both ways", func(t *testing.T) {
			require.NoError(t, orm.ForceDelete(ctx, cid))
			assert.Empty(t, friendsOf(ann))
		})
	})
}
