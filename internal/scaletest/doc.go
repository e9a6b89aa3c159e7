// Package scaletest holds the tests of running the example app beyond one
// machine (README: "Scaling out"): a real PostgreSQL primary with a real
// streaming replica that the test creates (reads served while the primary
// is down, writes 503, recovery, read-your-writes), the example app's test
// suite through PgBouncer in transaction pooling mode, and three instances
// of the example app on one database under a create/update/delete load with
// a ledger check.
//
// They start servers and take tens of seconds, so they run only with
// TINA4_TEST_SCALE=1 (.ci/run sets it); without it they are skipped, saying
// so. They need root (to run PostgreSQL and PgBouncer as the postgres user)
// and PostgreSQL's server binaries; under CI=true missing either is a
// failure instead of a skip. They never touch the shared server's data: the
// replica test makes its own cluster on spare ports, and the PgBouncer and
// load tests use fresh databases.
package scaletest
