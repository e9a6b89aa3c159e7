package orm_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

type updateSetNull struct {
	ID     int64
	Writer orm.ForeignKey[Writer] `db:"writer_id" on_update:"set null"`
}

type keyNamedLikeRelation struct {
	ID     int64
	Writer orm.ForeignKey[Writer] `db:"writer"`
}

type twoKeysOneName struct {
	ID        int64
	Sender    orm.ForeignKey[Writer] `db:"sender_id"`
	Recipient orm.ForeignKey[Writer] `db:"recipient_id"`
}

type twoKeysNamed struct {
	ID        int64
	Sender    orm.ForeignKey[Writer] `db:"sender_id" related_name:"sent"`
	Recipient orm.ForeignKey[Writer] `db:"recipient_id" related_name:"received"`
}

type reverseLikeColumn struct {
	ID      int64
	Remarks orm.HasMany[Remark] `fk:"volume_id"`
	Body    string              `db:"remarks"`
}

func TestAmbiguousRelationsAreRegistrationErrors(t *testing.T) {
	tests := []struct {
		name     string
		register func()
		want     []string
	}{
		{"on_update set null on a NOT NULL key", func() { orm.Register[updateSetNull]() }, []string{"updateSetNull", "on_update SET NULL", "nullable"}},
		{"key column named like its relation", func() { orm.Register[keyNamedLikeRelation]() }, []string{"keyNamedLikeRelation", `"writer"`, "writer_id"}},
		{"relation named like a column", func() { orm.Register[reverseLikeColumn]() }, []string{"reverseLikeColumn", `relation "remarks"`, "Body"}},
		{"two keys claim one related name", func() { orm.Register[twoKeysOneName]() }, []string{"twoKeysOneName", "Sender", "Recipient", `"two_keys_one_names"`, "related_name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
				for _, w := range tt.want {
					assert.Contains(t, msg, w)
				}
			}()
			tt.register()
			t.Fatal("no panic")
		})
	}
	assert.NotPanics(t, func() { orm.Register[twoKeysNamed]() })
}

// A model whose relation cannot resolve (its target is malformed) fails
// its own CreateTable, never an unrelated model's.
type brokenLinks struct {
	ID  int64
	Bad orm.ManyToMany[badType]
}

func TestBrokenModelDoesNotBreakOthers(t *testing.T) {
	orm.Register[brokenLinks]()
	ctx, _, _ := openTestDB(t)
	require.NoError(t, orm.CreateTable[Note](ctx))
	err := orm.CreateTable[brokenLinks](ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "badType")
}

// The DDL writes ON UPDATE RESTRICT, the documented default, and the
// engines record it (without it they apply NO ACTION).
func TestOnUpdateRestrictIsWritten(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, declaredTables...)
		var rule string
		switch dialectName(t, ctx) {
		case "sqlite":
			rows, err := orm.QueryMaps(ctx, "SELECT on_update FROM pragma_foreign_key_list('volume')")
			require.NoError(t, err)
			require.Len(t, rows, 1)
			rule = fmt.Sprint(rows[0]["on_update"])
		case "postgres":
			rows, err := orm.QueryMaps(ctx, "SELECT confupdtype::text AS r FROM pg_constraint WHERE conrelid = 'volume'::regclass AND contype = 'f'")
			require.NoError(t, err)
			require.Len(t, rows, 1)
			rule = map[string]string{"r": "RESTRICT", "a": "NO ACTION"}[fmt.Sprint(rows[0]["r"])]
		case "mysql":
			rows, err := orm.QueryMaps(ctx, "SELECT update_rule AS r FROM information_schema.referential_constraints WHERE table_name = 'volume' AND constraint_schema = DATABASE()")
			require.NoError(t, err)
			require.Len(t, rows, 1)
			rule = fmt.Sprint(rows[0]["r"])
			if b, ok := rows[0]["r"].([]byte); ok {
				rule = string(b)
			}
		}
		assert.Equal(t, "RESTRICT", strings.ToUpper(rule))
	})
}

func TestPrefetchLeavesRowsWithoutKeyUnloaded(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 2, 2, 0)
		rows, err := orm.Query[Writer](ctx).Select("name").PrefetchRelated("books").Get()
		require.NoError(t, err)
		require.Len(t, rows, 2)
		for _, r := range rows {
			_, loaded := r.Books.Loaded()
			assert.False(t, loaded, "a row without its key cannot have its books loaded")
		}
		rows, err = orm.Query[Writer](ctx).PrefetchRelated("books").Get()
		require.NoError(t, err)
		books, loaded := rows[0].Books.Loaded()
		assert.True(t, loaded)
		assert.Len(t, books, 2)
	})
}
