package orm_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Include's plans give the same rows and errors; PlanCheapest loads forward
// keys (and chains of them) in the rows' own query, PlanQueries by one query
// per relation and level. Statement counts of each.
func TestIncludePlans(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, log := seedLibrary(t, 3, 2, 2)
		// A writer without a publisher, and a soft-deleted volume with a
		// remark: both embed null.
		loner := Writer{Name: "loner"}
		require.NoError(t, orm.Save(ctx, &loner))
		gone := Volume{Title: "gone", Year: 2000}
		gone.Writer.SetID(loner.ID)
		require.NoError(t, orm.Save(ctx, &gone))
		rm := Remark{Body: "on a deleted book"}
		rm.Volume.SetID(gone.ID)
		require.NoError(t, orm.Save(ctx, &rm))
		require.NoError(t, orm.Delete(ctx, &gone))

		type run func(ctx context.Context, p orm.IncludePlan) (any, error)
		tests := []struct {
			name              string
			run               run
			cheapest, queries int // statements
			err               string
		}{
			{"forward key", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).OrderByField("id").Limit(50).Include("writer").IncludePlan(p).Get()
			}, 1, 2, ""},
			{"chain of forward keys", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Remark](ctx).OrderByField("id").Limit(50).Include("volume.writer.publisher").IncludePlan(p).Get()
			}, 1, 4, ""},
			{"forward key beside to-many", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).OrderByField("id").Limit(50).Include("writer", "remarks").IncludePlan(p).Get()
			}, 2, 3, ""},
			{"to-many", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Writer](ctx).OrderByField("id").Limit(50).Include("books").IncludePlan(p).Get()
			}, 2, 2, ""},
			{"nullable key and has-one", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Writer](ctx).OrderByField("id").Limit(50).Include("publisher", "bio").IncludePlan(p).Get()
			}, 2, 3, ""},
			{"forward key with a has-one below", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).OrderByField("id").Limit(50).Include("writer.bio").IncludePlan(p).Get()
			}, 3, 3, ""},
			{"forward key and a filter through it", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).FilterText("writer__name", "writer 1").OrderByField("id").Limit(50).Include("writer").IncludePlan(p).Get()
			}, 1, 2, ""},
			{"page with total", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				rows, total, err := orm.Query[Volume](ctx).OrderByField("id").Limit(2).Include("writer").IncludePlan(p).Page()
				assert.Equal(t, 6, total)
				return rows, err
			}, 2, 3, ""},
			{"SQL by hand: queries (its names may be unqualified)", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).Where("id > ?", 0).OrderBy("id").Limit(50).Include("writer").IncludePlan(p).Get()
			}, 2, 2, ""},
			{"no limit: queries", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).OrderByField("id").Include("writer").IncludePlan(p).Get()
			}, 2, 2, ""},
			{"row limit within the page", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).OrderByField("id").Limit(3).Include("writer").IncludeLimits(orm.IncludeLimits{MaxRows: 3}).IncludePlan(p).Get()
			}, 1, 2, ""},
			{"row limit passed by the joins", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Volume](ctx).OrderByField("id").Limit(3).Include("writer", "remarks").IncludeLimits(orm.IncludeLimits{MaxRows: 5}).IncludePlan(p).Get()
			}, 2, 3, "more than 5 related rows"},
			{"row limit below the page: queries count", func(ctx context.Context, p orm.IncludePlan) (any, error) {
				return orm.Query[Remark](ctx).OrderByField("id").Limit(4).Include("volume.writer").IncludeLimits(orm.IncludeLimits{MaxRows: 7}).IncludePlan(p).Get()
			}, 3, 3, "more than 7 related rows"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				results := map[orm.IncludePlan]string{}
				for plan, want := range map[orm.IncludePlan]int{orm.PlanCheapest: tt.cheapest, orm.PlanQueries: tt.queries} {
					log.Reset()
					got, err := tt.run(ctx, plan)
					if tt.err != "" {
						require.Error(t, err, "plan %d", plan)
						assert.Contains(t, err.Error(), tt.err)
						continue
					}
					require.NoError(t, err, "plan %d", plan)
					assert.Equal(t, want, log.Count(), "statements of plan %d", plan)
					results[plan] = rowsJSON(t, got)
				}
				if tt.err == "" {
					assert.JSONEq(t, results[orm.PlanQueries], results[orm.PlanCheapest], "same rows from both plans")
					assert.Regexp(t, `"(writer|volume|books|publisher)":\[?\{"id":`, results[orm.PlanCheapest], "relations are embedded")
				}
			})
		}
	})
}

// rowsJSON writes a slice of model rows as AutoCrud does, relations embedded.
func rowsJSON(t *testing.T, rows any) string {
	t.Helper()
	rv := reflect.ValueOf(rows)
	b := []byte{'['}
	for i := range rv.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		b, err = orm.AppendJSON(b, rv.Index(i).Addr().Interface())
		require.NoError(t, err)
	}
	return string(append(b, ']'))
}

// Find joins forward keys too: one statement for the row and its writer.
func TestFindIncludeJoins(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, log := seedLibrary(t, 2, 2, 1)
		gone := Volume{Title: "gone", Year: 2000}
		gone.Writer.SetID(1)
		require.NoError(t, orm.Save(ctx, &gone))
		require.NoError(t, orm.Delete(ctx, &gone))
		tests := []struct {
			name       string
			id         int64
			opts       []orm.QueryOption
			statements int
			found      bool
		}{
			{"forward key", 3, []orm.QueryOption{orm.Include("writer")}, 1, true},
			{"chain", 3, []orm.QueryOption{orm.Include("writer.publisher")}, 1, true},
			{"forward key and to-many", 3, []orm.QueryOption{orm.Include("writer", "remarks")}, 2, true},
			{"to-many only", 3, []orm.QueryOption{orm.Include("remarks")}, 2, true},
			{"missing row", 99, []orm.QueryOption{orm.Include("writer")}, 1, false},
			{"soft-deleted row", gone.ID, []orm.QueryOption{orm.Include("writer")}, 1, false},
			{"soft-deleted row, trashed", gone.ID, []orm.QueryOption{orm.Include("writer"), orm.Trashed()}, 1, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				log.Reset()
				v, err := orm.Find[Volume](ctx, tt.id, tt.opts...)
				require.NoError(t, err)
				assert.Equal(t, tt.statements, log.Count())
				if !tt.found {
					assert.Nil(t, v)
					return
				}
				require.NotNil(t, v)
				b := orm.Query[Volume](ctx).FilterText("id", fmt.Sprint(tt.id)).IncludePlan(orm.PlanQueries)
				paths := map[string][]string{"forward key": {"writer"}, "chain": {"writer.publisher"},
					"forward key and to-many": {"writer", "remarks"}, "to-many only": {"remarks"}}[tt.name]
				if paths == nil {
					paths = []string{"writer"}
				}
				if tt.name == "soft-deleted row, trashed" {
					b.WithTrashed()
				}
				want, err := b.Include(paths...).Get()
				require.NoError(t, err)
				require.Len(t, want, 1)
				assert.JSONEq(t, rowsJSON(t, want), rowsJSON(t, []Volume{*v}))
			})
		}
	})
}
