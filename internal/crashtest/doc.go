// Package crashtest holds the crash and outage tests of the example app: a
// server killed with SIGKILL in the middle of a write load loses no
// acknowledged write and restarts on an intact database; SIGTERM lets the
// requests in flight finish, refuses new connections and exits within the
// shutdown timeout. The tests run the example app as a child process (this
// package's test binary, re-executed into tina4.Run with the example app's
// models and routes, exactly as main.go does) and drive it with
// internal/loadtest.
//
// TINA4_CRASH_ROUNDS sets how many SIGKILL rounds TestSIGKILLMidLoad runs
// (default 3): go test ./internal/crashtest -run SIGKILL -count=1 -v with
// TINA4_CRASH_ROUNDS=20 is the long run.
package crashtest
