package tina4

import "github.com/tina4stack/tina4-go/tina4/orm/schema"

// applyModelOptions gives the model registry the settings that shape model
// metadata. Table names are fixed when first asked for, so New and
// RunCommand apply them before any model is used.
func applyModelOptions(cfg Config) {
	schema.Default.SetPluralTableNames(cfg.PluralTableNames)
}
