package schema

import "github.com/tina4stack/tina4-go/tina4/orm/dialect"

// Kind is the storage class of a model field, independent of the engine
// (the dialect maps it to a column type).
type Kind = dialect.Kind

// The field kinds, matching the ORM chapter's field types.
const (
	Int    = dialect.Int    // IntegerField: int, int8..int64, uint..uint32
	String = dialect.String // StringField: VARCHAR(n) when a maximum length is known, else TEXT
	Text   = dialect.Text   // TextField: long text
	Float  = dialect.Float  // NumericField: float32, float64
	Bool   = dialect.Bool   // BooleanField
	Time   = dialect.Time   // DateTimeField: time.Time, stored in UTC
	Bytes  = dialect.Bytes  // BlobField: []byte
)
