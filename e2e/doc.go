// Package e2e holds the browser tests of the example app. It is its own
// module, so that the browser driver (chromedp) stays out of the
// framework's go.mod; .ci/run runs it after the main tests:
//
//	cd e2e && go test ./...
//
// The tests need Debian's chromium (apt-get install chromium). Without it
// they skip, except under CI=true, where they fail.
package e2e
