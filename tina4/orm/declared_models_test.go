package orm_test

import (
	"context"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The declared-relation models: publishers have writers, writers have books
// and one bio, books have remarks.
type Publisher struct {
	ID      int64               `db:"id"`
	Name    string              `db:"name"`
	Writers orm.HasMany[Writer] `related_name:"writers"`
}

type Writer struct {
	ID        int64                         `db:"id"`
	Name      string                        `db:"name"`
	Publisher orm.NullForeignKey[Publisher] `db:"publisher_id" on_delete:"set null"`
	Books     orm.HasMany[Volume]
	Bio       orm.HasOne[Bio]
}

type Volume struct {
	ID      int64                  `db:"id"`
	Title   string                 `db:"title"`
	Year    int                    `db:"year"`
	Writer  orm.ForeignKey[Writer] `db:"writer_id" on_delete:"cascade" related_name:"books"`
	Remarks orm.HasMany[Remark]
	orm.SoftDeletes
}

type Remark struct {
	ID     int64                  `db:"id"`
	Body   string                 `db:"body"`
	Volume orm.ForeignKey[Volume] `db:"volume_id" on_delete:"cascade"`
}

type Bio struct {
	ID     int64                  `db:"id"`
	Text   string                 `db:"text"`
	Writer orm.ForeignKey[Writer] `db:"writer_id,unique" on_delete:"cascade"`
}

var declaredTables = []func(context.Context) error{
	orm.CreateTable[Publisher], orm.CreateTable[Writer], orm.CreateTable[Volume], orm.CreateTable[Remark], orm.CreateTable[Bio],
}
