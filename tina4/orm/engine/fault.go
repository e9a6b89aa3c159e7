package engine

// Class is what a driver error means to the ORM.
type Class int

// The classes of driver errors.
const (
	// Unknown: not an error of this engine's driver.
	Unknown Class = iota
	// Other: the driver's error, which the ORM returns as it is (a syntax
	// error, a missing table).
	Other
	// Constraint: a write broke a constraint (Fault.Constraint says which).
	Constraint
	// Value: the database refused a value the caller gave (Fault.Problem
	// says what was wrong).
	Value
	// Unavailable: the server cannot be reached or is shutting down, the
	// connection broke, or the database is busy.
	Unavailable
)

// The constraints a Fault names.
const (
	ConstraintUnique     = "unique"
	ConstraintForeignKey = "foreign key"
	ConstraintNotNull    = "not null"
	ConstraintCheck      = "check"
	ConstraintOther      = "constraint"
)

// The problems a Fault of class Value names, for a client.
const (
	ProblemEncoding = "text must be valid UTF-8 without NUL characters"
	ProblemTooLong  = "a text value is longer than its column allows"
	ProblemRange    = "a number is out of its column's range"
	ProblemTime     = "a date or time is not valid"
	ProblemOther    = "a value does not fit its column"
)

// Fault is what an engine reads from its driver's error.
type Fault struct {
	Class Class
	// Constraint names the constraint of class Constraint: one of the
	// Constraint* constants.
	Constraint string
	// Problem says what was wrong with a value of class Value: one of the
	// Problem* constants.
	Problem string
	// BrokenConn: the connection broke under the statement (the server
	// ended the session, the socket was closed or reset), so a read may run
	// again on another connection.
	BrokenConn bool
	// Retryable: the transaction was aborted by a serialization failure, a
	// deadlock or a lock wait timeout; running it again normally gets
	// through.
	Retryable bool
	// ConnectFailed: opening a connection failed: the server refused the
	// login or has no such database, or could not be reached.
	ConnectFailed bool
}
