package scaletest

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// pgBin returns the path of a PostgreSQL server binary of the newest
// version installed, or "".
func pgBin(name string) string {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	sort.Strings(found)
	if len(found) == 0 {
		return ""
	}
	return found[len(found)-1]
}

// asPostgres runs a command as the postgres OS user, failing t on error.
func asPostgres(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...).CombinedOutput()
	require.NoError(t, err, "%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	return string(out)
}

// sparePort returns a loopback TCP port nobody listens on now.
func sparePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// postgresDir makes a temporary folder the postgres user owns, removed at
// the end of the test.
func postgresDir(t *testing.T, pattern string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", pattern)
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	out, err := exec.Command("chown", "postgres:postgres", dir).CombinedOutput()
	require.NoError(t, err, "chown: %v\n%s", err, out)
	return dir
}

// pgServer is a PostgreSQL server the test made: a primary or a streaming
// replica, on a spare port, its socket in its own folder.
type pgServer struct {
	dir  string // the folder: data/, the log, the socket
	port int
}

func (s *pgServer) data() string { return filepath.Join(s.dir, "data") }

// URL is the server's address as a DATABASE_URL.
func (s *pgServer) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=2", s.port)
}

// startPrimary creates and starts a new cluster, stopped at the end of the
// test whatever happens.
func startPrimary(t *testing.T) *pgServer {
	t.Helper()
	s := &pgServer{dir: postgresDir(t, "tina4-primary-"), port: sparePort(t)}
	asPostgres(t, pgBin("initdb"), "-D", s.data(), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
	conf := "listen_addresses = '127.0.0.1'\nmax_connections = 60\nshared_buffers = 16MB\nfsync = off\n" +
		"wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
	appendFile(t, filepath.Join(s.data(), "postgresql.conf"), conf)
	s.start(t)
	t.Cleanup(func() { s.stopQuietly() })
	return s
}

// startReplica takes a base backup of primary and starts it as a streaming
// replica (pg_basebackup -R), stopped at the end of the test.
func startReplica(t *testing.T, primary *pgServer) *pgServer {
	t.Helper()
	s := &pgServer{dir: postgresDir(t, "tina4-replica-"), port: sparePort(t)}
	asPostgres(t, pgBin("pg_basebackup"), "-h", "127.0.0.1", "-p", fmt.Sprint(primary.port), "-U", "postgres",
		"-D", s.data(), "-R", "-X", "stream", "-c", "fast")
	s.start(t)
	t.Cleanup(func() { s.stopQuietly() })
	return s
}

// start starts the server and waits until it accepts connections.
func (s *pgServer) start(t *testing.T) {
	t.Helper()
	asPostgres(t, pgBin("pg_ctl"), "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %d -k %s", s.port, s.dir), "start")
}

// stop stops the server (fast shutdown: sessions are cut).
func (s *pgServer) stop(t *testing.T) {
	t.Helper()
	asPostgres(t, pgBin("pg_ctl"), "-D", s.data(), "-m", "fast", "-w", "stop")
}

// stopQuietly stops the server if it runs, for cleanups.
func (s *pgServer) stopQuietly() {
	_ = exec.Command("runuser", "-u", "postgres", "--", pgBin("pg_ctl"), "-D", s.data(), "-m", "immediate", "-w", "stop").Run()
}

// psql runs one SQL statement on the server and returns its output.
func (s *pgServer) psql(t *testing.T, sql string) string {
	t.Helper()
	return strings.TrimSpace(asPostgres(t, filepath.Join(filepath.Dir(pgBin("pg_ctl")), "psql"),
		"-h", s.dir, "-p", fmt.Sprint(s.port), "-U", "postgres", "-d", "postgres", "-XAtc", sql))
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.WriteString(text)
	require.NoError(t, err)
}

func urlParse(raw string) (*url.URL, error) { return url.Parse(raw) }
