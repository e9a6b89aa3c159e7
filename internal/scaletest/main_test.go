package scaletest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/apptest"

	models "github.com/tina4stack/tina4-go/app/src/orm" // the example app's models
	_ "github.com/tina4stack/tina4-go/app/src/routes"   // and routes

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// childEnv set to "serve" turns the test binary into the example app.
const childEnv = "TINA4_SCALETEST_CHILD"

func TestMain(m *testing.M) {
	router.Post("/scaletest/ryw", readYourWrite, router.Public())
	if os.Getenv(childEnv) == "serve" {
		tina4.Run() // the example app, as main.go runs it
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// readYourWrite creates a note and reads it back in the same request:
// with read replicas, the read must go to the primary.
func readYourWrite(req *router.Request, res *response.Response) error {
	n := &models.Note{Title: "read your write"}
	if err := orm.Save(req.Context(), n); err != nil {
		return err
	}
	got, err := orm.Find[models.Note](req.Context(), n.ID)
	if err != nil {
		return err
	}
	return res.JSON(map[string]any{"id": n.ID, "found": got != nil}, http.StatusOK)
}

// needScale skips t unless TINA4_TEST_SCALE=1, and unless the machine can
// run servers as the postgres user (under CI=true, that is a failure).
func needScale(t *testing.T) {
	t.Helper()
	if os.Getenv("TINA4_TEST_SCALE") != "1" {
		t.Skip("TINA4_TEST_SCALE=1 is not set: the scale-out tests (replica, PgBouncer, three instances) do not run")
	}
	missing := ""
	switch {
	case os.Geteuid() != 0:
		missing = "not root: the test runs PostgreSQL and PgBouncer as the postgres user through runuser"
	case pgBin("initdb") == "":
		missing = "PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup) are not installed"
	}
	if _, err := exec.LookPath("runuser"); err != nil && missing == "" {
		missing = "runuser is missing"
	}
	if missing != "" {
		require.NotEqual(t, "true", os.Getenv("CI"), missing)
		t.Skip(missing)
	}
}

// startChildNoWait starts the example app on a free loopback port with the
// extra environment env (DATABASE_URL among it); see apptest.StartChild.
func startChildNoWait(t *testing.T, env ...string) *apptest.Child {
	t.Helper()
	return apptest.StartChild(t, childEnv, env...)
}

// eventually retries check every 100 ms until it returns "" or d passes,
// then fails with its last answer.
func eventually(t *testing.T, d time.Duration, check func() string) {
	t.Helper()
	var last string
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if last = check(); last == "" {
			return
		}
	}
	require.Fail(t, fmt.Sprintf("after %s: %s", d, last))
}

// httpDo sends a request and returns the status and body.
func httpDo(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "%s %s: %v", method, url, err)
	defer resp.Body.Close()
	b := new(strings.Builder)
	_, _ = io.Copy(b, resp.Body)
	return resp.StatusCode, b.String()
}
