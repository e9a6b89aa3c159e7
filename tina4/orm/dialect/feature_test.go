package dialect_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// TestFeatures lists every capability flag per engine: a new flag, or a
// dialect that gains or loses one, changes this table.
func TestFeatures(t *testing.T) {
	want := map[string]map[feature.Feature]bool{
		"sqlite": {feature.MultiRowReturning: true, feature.TimeAsText: true, feature.ForwardForeignKeys: true,
			feature.IndexedText: true, feature.UpdateSelfSubquery: true},
		"postgres": {feature.Returning: true, feature.SelectForUpdate: true, feature.SequenceSync: true,
			feature.TxAbortsOnError: true, feature.ConcurrentDDLRace: true, feature.AdvisoryLock: true,
			feature.DriverStatementCache: true, feature.AlterTable: true, feature.VarcharLength: true,
			feature.MultiRowReturning: true, feature.IndexedText: true, feature.UpdateSelfSubquery: true},
		"mysql": {feature.SelectForUpdate: true, feature.ForeignKeyIndex: true, feature.NamedLock: true,
			feature.AlterTable: true, feature.ModifyColumn: true, feature.VarcharLength: true, feature.TableCollation: true},
	}
	all := feature.All()
	require.Len(t, all, 18, "a new flag needs a row in this table for every engine")
	for _, d := range []dialect.Dialect{dialect.SQLite{}, dialect.Postgres{}, dialect.MySQL{}} {
		t.Run(d.Name(), func(t *testing.T) {
			for _, f := range all {
				assert.Equal(t, want[d.Name()][f], d.Features().Has(f), "%s", f)
			}
			// The optional interfaces follow the flags.
			_, syncer := d.(dialect.SequenceSyncer)
			assert.Equal(t, d.Features().Has(feature.SequenceSync), syncer, "SequenceSyncer")
			_, locker := d.(dialect.RowLocker)
			assert.Equal(t, d.Features().Has(feature.SelectForUpdate), locker, "RowLocker")
			assert.Equal(t, d.Features().Has(feature.TableCollation), d.CreateTableSuffix() != "", "CreateTableSuffix")
		})
	}
}

func TestFeatureSet(t *testing.T) {
	f := feature.Returning | feature.AlterTable
	assert.True(t, f.Has(feature.Returning))
	assert.True(t, f.Has(feature.Returning|feature.AlterTable))
	assert.False(t, f.Has(feature.Returning|feature.NamedLock), "Has needs every flag")
	assert.Equal(t, "Returning|AlterTable", f.String())
	assert.Equal(t, "", feature.Feature(0).String())
}

func TestDropStatements(t *testing.T) {
	tests := []struct {
		d             dialect.Dialect
		dropIdx, drFK string
	}{
		{dialect.SQLite{}, `DROP INDEX "i"`, `ALTER TABLE "t" DROP CONSTRAINT "k"`},
		{dialect.Postgres{}, `DROP INDEX "i"`, `ALTER TABLE "t" DROP CONSTRAINT "k"`},
		{dialect.MySQL{}, "DROP INDEX `i` ON `t`", "ALTER TABLE `t` DROP FOREIGN KEY `k`"},
	}
	for _, tt := range tests {
		t.Run(tt.d.Name(), func(t *testing.T) {
			assert.Equal(t, tt.dropIdx, tt.d.DropIndex("i", "t"))
			assert.Equal(t, tt.drFK, tt.d.DropForeignKey("k", "t"))
		})
	}
}
