package orm_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The models of the statement-cache and scanning regressions below.
type keyedOwner struct {
	Code     string                `db:"code,pk"`
	Name     string                `db:"name"`
	Children orm.HasMany[keyedKid] `fk:"owner_code"`
	Nulls    orm.HasMany[nullKid]  `fk:"owner_code"`
}

func (keyedOwner) TableName() string { return "keyed_owners" }

type keyedKid struct {
	ID        int64   `db:"id"`
	OwnerCode *string `db:"owner_code"`
	Name      string  `db:"name"`
}

func (keyedKid) TableName() string { return "keyed_kids" }

type nullKid struct {
	ID        int64          `db:"id"`
	OwnerCode sql.NullString `db:"owner_code"`
}

func (nullKid) TableName() string { return "null_kids" }

type looseCat struct {
	ID     int64   `db:"id"`
	Weight float64 `db:"weight"`
	Born   string  `db:"born"`
}

func (looseCat) TableName() string { return "loose_cats" }

type loosePet struct {
	ID  int64                    `db:"id"`
	Cat orm.ForeignKey[looseCat] `db:"cat_id"`
}

func (loosePet) TableName() string { return "loose_pets" }

type plainItem struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (plainItem) TableName() string { return "plain_items" }

// A string primary key meets a *string or sql.NullString foreign key when
// children are included.
func TestIncludeWithStringKeys(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[keyedOwner], orm.CreateTable[keyedKid], orm.CreateTable[nullKid])
		must(t, orm.Create(ctx, &keyedOwner{Code: "a", Name: "Ä"}))
		code := "a"
		must(t, orm.Save(ctx, &keyedKid{OwnerCode: &code, Name: "k1"}))
		must(t, orm.Save(ctx, &nullKid{OwnerCode: sql.NullString{String: "a", Valid: true}}))
		must(t, orm.Save(ctx, &nullKid{})) // NULL owner: belongs to nobody
		o, err := orm.Find[keyedOwner](ctx, "a", orm.Include("children", "nulls"))
		must(t, err)
		kids, _ := o.Children.Loaded()
		nulls, _ := o.Nulls.Loaded()
		require.Len(t, kids, 1, "children %+v, nulls %+v; want k1 and one null kid", kids, nulls)
		require.Equal(t, "k1", kids[0].Name, "children %+v, nulls %+v; want k1 and one null kid", kids, nulls)
		require.Len(t, nulls, 1, "children %+v, nulls %+v; want k1 and one null kid", kids, nulls)
	})
}

// Joined columns read as Find reads them, whatever type the table declares:
// a DATETIME into a string, a MySQL FLOAT (float32) into a float64.
func TestSelectRelatedConvertsLikeFind(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, db, _ := openTestDB(t)
		pk := map[string]string{"sqlite": "INTEGER PRIMARY KEY", "mysql": "BIGINT AUTO_INCREMENT PRIMARY KEY", "postgres": "BIGSERIAL PRIMARY KEY"}[db.Dialect().Name()]
		types := map[string]string{"sqlite": "FLOAT, born DATETIME", "mysql": "FLOAT, born DATETIME", "postgres": "REAL, born TIMESTAMPTZ"}[db.Dialect().Name()]
		for _, ddl := range []string{
			"CREATE TABLE loose_cats (id " + pk + ", weight " + types + ")",
			"CREATE TABLE loose_pets (id " + pk + ", cat_id BIGINT)",
			"INSERT INTO loose_cats (id, weight, born) VALUES (1, 2.5, '2024-01-02 03:04:05')",
		} {
			_, err := orm.Exec(ctx, ddl)
			must(t, err)
		}
		must(t, orm.Save(ctx, &loosePet{Cat: orm.ForeignKey[looseCat]{ID: 1}}))
		cat, err := orm.Find[looseCat](ctx, 1)
		must(t, err)
		for _, inTx := range []bool{false, true} {
			must(t, orm.Transaction(ctx, func(txCtx context.Context) error {
				c := ctx
				if inTx {
					c = txCtx
				}
				pets, err := orm.Query[loosePet](c).SelectRelated("cat").Get()
				require.NoError(t, err, "SelectRelated (in a transaction: %v): %v", inTx, err)
				got := pets[0].Cat.Loaded()
				require.NotNil(t, got, "joined cat %+v, found %+v", got, cat)
				require.Equal(t, cat.Weight, got.Weight, "joined cat %+v, found %+v", got, cat)
				require.Equal(t, cat.Born, got.Born, "joined cat %+v, found %+v", got, cat)
				require.Equal(t, 2.5, got.Weight, "joined cat %+v, found %+v", got, cat)
				return nil
			}))
		}
	})
}

// A call whose context is cancelled inside a transaction does not spoil the
// statement for the rest of the transaction.
func TestCancelledCallInTransaction(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[plainItem])
		it := &plainItem{Name: "x"}
		must(t, orm.Save(ctx, it))
		_, err := orm.Find[plainItem](ctx, it.ID) // prepared and cached
		must(t, err)
		must(t, orm.Transaction(ctx, func(ctx context.Context) error {
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			_, err := orm.Find[plainItem](cancelled, it.ID)
			assert.Error(t, err, "Find with a cancelled context succeeded")
			got, err := orm.Find[plainItem](ctx, it.ID)
			require.NoError(t, err, "Find after a cancelled call")
			require.NotNil(t, got, "Find after a cancelled call")
			return nil
		}))
	})
}

// A committed transaction returns at once, even when the next transaction
// (which holds SQLite's only writer now) waits for its caller.
func TestCommitDoesNotWaitForTheNextTransaction(t *testing.T) {
	ctx, _, _ := openTestDB(t, orm.CreateTable[plainItem])
	next := make(chan error, 1)
	t1done := make(chan struct{})
	err := orm.Transaction(ctx, func(txCtx context.Context) error {
		if err := orm.Save(txCtx, &plainItem{Name: "first"}); err != nil { // first seen in a transaction
			return err
		}
		go func() {
			next <- orm.Transaction(ctx, func(context.Context) error {
				select {
				case <-t1done:
					return nil
				case <-time.After(30 * time.Second):
					return fmt.Errorf("the first transaction's caller never carried on")
				}
			})
		}()
		time.Sleep(50 * time.Millisecond) // the second one queues for the writer
		return nil
	})
	must(t, err)
	close(t1done)
	must(t, <-next)
}

// Scanners running at once each discard the columns their model lacks.
func TestConcurrentSelectWithExtraColumns(t *testing.T) {
	ctx, _, _ := openTestDB(t, orm.CreateTable[plainItem])
	must(t, orm.Transaction(ctx, func(ctx context.Context) error {
		for i := range 50 {
			if err := orm.Save(ctx, &plainItem{Name: fmt.Sprint("n", i)}); err != nil {
				return err
			}
		}
		return nil
	}))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				out, _, err := orm.Select[plainItem](ctx, "SELECT id, name, name || ? AS extra FROM plain_items", []any{fmt.Sprint(g)})
				if err != nil || len(out) != 50 || !strings.HasPrefix(out[0].Name, "n") {
					assert.Fail(t, fmt.Sprintf("Select = %d rows, %v", len(out), err))
					return
				}
			}
		}()
	}
	wg.Wait()
}
