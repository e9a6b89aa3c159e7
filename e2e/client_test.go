package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The generated-client tests run the example app as a user does (its
// binary, built from the repository root as go run . builds it, on a
// temporary SQLite file and a spare port), fetch /swagger/openapi.json, and
// then: redocly lints it with its recommended rules; oapi-codegen (a tool
// of this module's go.mod) generates a Go client that gocycle drives; and
// openapi-typescript generates the types openapi-fetch uses in
// client/ts/cycle.ts, compiled by tsc and run by node. The npm packages are
// pinned in client/ts/package-lock.json and installed by npm ci.

// exampleApp builds and starts the example app and returns its base URL
// and its OpenAPI document.
func exampleApp(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "app")
	runCmd(t, "..", nil, "go", "build", "-o", bin, ".")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	require.NoError(t, ln.Close())
	base := fmt.Sprintf("http://127.0.0.1:%d", port)

	cmd := exec.Command(bin)
	cmd.Dir = dir // no .env there: the settings are these
	cmd.Env = append(os.Environ(), "DATABASE_URL=sqlite:///"+filepath.Join(dir, "app.db"), "HOST=127.0.0.1",
		fmt.Sprintf("PORT=%d", port), "TINA4_SWAGGER=true", "TINA4_DEBUG=false")
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("the app's log:\n%s", log.String())
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(base + "/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		require.True(t, time.Now().Before(deadline), "the app did not answer /health: %v\n%s", err, log.String())
		time.Sleep(200 * time.Millisecond)
	}
	res, err := http.Get(base + "/swagger/openapi.json")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	doc, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return base, doc
}

// runCmd runs a command in dir and fails the test with its output when it
// fails; it returns the output.
func runCmd(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
	return string(out)
}

// needNode skips the test when node and npm are missing (fails under
// CI=true).
func needNode(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			require.NotEqual(t, "true", os.Getenv("CI"), "%s is not installed: apt-get install -y nodejs npm", tool)
			t.Skipf("SKIP: %s is not installed (apt-get install nodejs npm); the TypeScript client and lint tests did not run", tool)
		}
	}
}

// npmDone is set once npmInstall has installed client/ts's packages.
var npmDone bool

func npmInstall(t *testing.T) string {
	t.Helper()
	needNode(t)
	dir, err := filepath.Abs(filepath.Join("client", "ts"))
	require.NoError(t, err)
	if !npmDone {
		runCmd(t, dir, nil, "npm", "ci", "--no-audit", "--no-fund")
		npmDone = true
	}
	return dir
}

func TestGeneratedGoClient(t *testing.T) {
	base, doc := exampleApp(t)
	dir := t.TempDir()
	spec := filepath.Join(dir, "openapi.json")
	require.NoError(t, os.WriteFile(spec, doc, 0o644))
	gen := filepath.Join(dir, "client.gen.go")
	runCmd(t, ".", nil, "go", "tool", "oapi-codegen", "-generate", "types,client", "-package", "main", "-o", gen, spec)
	src, err := os.ReadFile(filepath.Join("client", "gocycle", "main.go"))
	require.NoError(t, err)
	main := filepath.Join(dir, "main.go")
	require.NoError(t, os.WriteFile(main, src, 0o644))
	bin := filepath.Join(dir, "gocycle")
	// Files named on the command line build in this module, with its go.sum.
	runCmd(t, ".", nil, "go", "build", "-tags", "e2eclient", "-o", bin, main, gen)
	out := runCmd(t, dir, nil, bin, base)
	assert.Contains(t, out, "ok")
}

func TestGeneratedTypeScriptClient(t *testing.T) {
	dir := npmInstall(t)
	base, doc := exampleApp(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "gen"), 0o755))
	spec := filepath.Join(dir, "gen", "openapi.json")
	require.NoError(t, os.WriteFile(spec, doc, 0o644))
	// --default-non-nullable=false: a column with a default may be left out
	// of a create body (openapi-typescript makes it required otherwise).
	runCmd(t, dir, nil, "npx", "--no-install", "openapi-typescript", spec, "--default-non-nullable=false", "-o", filepath.Join(dir, "gen", "schema.d.ts"))
	runCmd(t, dir, nil, "npx", "--no-install", "tsc", "-p", ".")
	out := runCmd(t, dir, nil, "node", filepath.Join("gen", "js", "cycle.js"), base)
	assert.Contains(t, out, "ok")
}

// lintWarnings are the warnings redocly's recommended rules may give on the
// example app's document, each explained in the README ("Generated
// clients"): the app sets no license, and its server is localhost until
// TINA4_API_SERVERS names the public address.
var lintWarnings = map[string]bool{"info-license": true, "no-server-example.com": true}

func TestRedoclyLint(t *testing.T) {
	dir := npmInstall(t)
	_, doc := exampleApp(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "gen"), 0o755))
	spec := filepath.Join(dir, "gen", "lint.json")
	require.NoError(t, os.WriteFile(spec, doc, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npx", "--no-install", "redocly", "lint", "--extends=recommended", "--format=json", spec)
	cmd.Dir = dir
	out, err := cmd.Output() // exits 1 on errors; the report says which
	var report struct {
		Totals   struct{ Errors, Warnings int } `json:"totals"`
		Problems []struct {
			RuleID   string `json:"ruleId"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"problems"`
	}
	require.NoError(t, json.Unmarshal(jsonPart(out), &report), "redocly: %v\n%s", err, out)
	for _, p := range report.Problems {
		assert.NotEqual(t, "error", p.Severity, "redocly %s %s: %s", p.Severity, p.RuleID, p.Message)
		assert.True(t, lintWarnings[p.RuleID], "redocly %s %s: %s", p.Severity, p.RuleID, p.Message)
	}
	assert.Zero(t, report.Totals.Errors)
	require.NoError(t, err, "redocly lint failed")
}

// jsonPart is the JSON object in out (redocly may print a notice first).
func jsonPart(out []byte) []byte {
	loc := regexp.MustCompile(`(?m)^\{`).FindIndex(out)
	if loc == nil {
		return out
	}
	return out[loc[0]:]
}
