package orm_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Fields out of alphabetical order, and hidden ones, at both ends of a
// relation.
type orderWriter struct {
	ID     int64                  `db:"id"`
	Zname  string                 `db:"zname"`
	Alias  string                 `db:"alias"`
	Secret string                 `db:"secret,hidden"`
	Books  orm.HasMany[orderBook] `fk:"writer_id"`
}

func (orderWriter) TableName() string { return "order_writers" }

type orderBook struct {
	ID     int64                       `db:"id"`
	Title  string                      `db:"title"`
	Writer orm.ForeignKey[orderWriter] `db:"writer_id"`
	Blurb  string                      `db:"blurb"`
	Code   string                      `db:"code,hidden"`
}

func (orderBook) TableName() string { return "order_books" }

func init() {
	orm.Register[orderWriter]()
	orm.Register[orderBook]()
}

// Embedded relations keep their struct's key order, as the top level does,
// at every depth, and leave hidden columns out.
func TestEmbeddedRelationsKeepFieldOrder(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[orderWriter], orm.CreateTable[orderBook])
		w := orderWriter{Zname: "Zed", Alias: "z", Secret: "s"}
		require.NoError(t, orm.Save(ctx, &w))
		b := orderBook{Title: "Tome", Blurb: "long", Code: "c"}
		require.NoError(t, b.Writer.Set(&w))
		require.NoError(t, orm.Save(ctx, &b))

		writers, _, err := orm.All[orderWriter](ctx, orm.Include("books.writer"),
			orm.WithIncludeLimits(orm.IncludeLimits{AllowRevisit: true})) // a path back to writers, to see depth 2
		require.NoError(t, err)
		require.Len(t, writers, 1)
		got, err := orm.ToJSON(&writers[0])
		require.NoError(t, err)
		want := `{"id":1,"zname":"Zed","alias":"z","books":[{"id":1,"title":"Tome","writer_id":1,"blurb":"long","writer":{"id":1,"zname":"Zed","alias":"z"}}]}`
		assert.Equal(t, want, string(got))

		book, err := orm.Find[orderBook](ctx, b.ID, orm.Include("writer"))
		require.NoError(t, err)
		got, err = json.Marshal(orm.Dict{Model: book})
		require.NoError(t, err)
		assert.Equal(t, `{"id":1,"title":"Tome","writer_id":1,"blurb":"long","writer":{"id":1,"zname":"Zed","alias":"z"}}`, string(got))

	})
}

// AppendModelJSON and AppendJSONParts write what AppendJSON writes, with
// relations loaded or not, and AppendJSONParts marks where the columns end:
// the columns alone are the object AppendJSON writes with only the
// non-hidden columns picked.
func TestAppendJSONPartsAndModelJSON(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[orderWriter], orm.CreateTable[orderBook])
		w := orderWriter{Zname: "Zed", Alias: "z", Secret: "s"}
		require.NoError(t, orm.Save(ctx, &w))
		b := orderBook{Title: "Tome", Blurb: "long", Code: "c"}
		require.NoError(t, b.Writer.Set(&w))
		require.NoError(t, orm.Save(ctx, &b))
		mw, err := orm.ModelOf[orderWriter]()
		require.NoError(t, err)
		mb, err := orm.ModelOf[orderBook]()
		require.NoError(t, err)

		plainW, err := orm.Find[orderWriter](ctx, w.ID)
		require.NoError(t, err)
		withBooks, err := orm.Find[orderWriter](ctx, w.ID, orm.Include("books"))
		require.NoError(t, err)
		plainB, err := orm.Find[orderBook](ctx, b.ID)
		require.NoError(t, err)
		withWriter, err := orm.Find[orderBook](ctx, b.ID, orm.Include("writer"))
		require.NoError(t, err)
		for _, tt := range []struct {
			name     string
			m        *orm.Model
			v        any
			cols     []string
			relation bool
		}{
			{"writer", mw, plainW, []string{"id", "zname", "alias"}, false},
			{"writer with books", mw, withBooks, []string{"id", "zname", "alias"}, true},
			{"book", mb, plainB, []string{"id", "title", "writer_id", "blurb"}, false},
			{"book with writer", mb, withWriter, []string{"id", "title", "writer_id", "blurb"}, true},
			{"book, no model given", nil, withWriter, []string{"id", "title", "writer_id", "blurb"}, true},
			{"book by value, no model given", nil, *withWriter, []string{"id", "title", "writer_id", "blurb"}, true},
			{"book given the writer's model", mw, withWriter, []string{"id", "title", "writer_id", "blurb"}, true},
		} {
			t.Run(tt.name, func(t *testing.T) {
				want, err := orm.AppendJSON([]byte("x"), tt.v)
				require.NoError(t, err)
				cols, err := orm.AppendJSON([]byte("x"), tt.v, tt.cols...)
				require.NoError(t, err)

				got, err := orm.AppendModelJSON([]byte("x"), tt.m, tt.v)
				require.NoError(t, err)
				assert.Equal(t, string(want), string(got), "AppendModelJSON")

				got, end, err := orm.AppendJSONParts([]byte("x"), tt.m, tt.v)
				require.NoError(t, err)
				assert.Equal(t, string(want), string(got), "AppendJSONParts")
				assert.Equal(t, string(cols), string(got[:end])+"}", "the columns part")
				assert.Equal(t, tt.relation, end != len(got)-1, "relations written")
				assert.NotContains(t, string(got), `"s"`)
			})
		}
	})
}
