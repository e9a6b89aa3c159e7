package crud_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// TestRoutersAreCollected: what AutoCrud mounted on a router is kept on that
// router, so a router no longer used is garbage collected, and a second
// router starts empty.
func TestRoutersAreCollected(t *testing.T) {
	collected := make(chan struct{})
	func() {
		r := router.New()
		crud.Register[note](r, "/api")
		require.NotEmpty(t, crud.Endpoints(r))
		runtime.AddCleanup(r, func(ch chan struct{}) { close(ch) }, collected)
	}()
	deadline := time.After(5 * time.Second)
	for done := false; !done; {
		runtime.GC()
		select {
		case <-collected:
			done = true
		case <-deadline:
			t.Fatal("a router AutoCrud was mounted on was never collected")
		case <-time.After(10 * time.Millisecond):
		}
	}

	other := router.New()
	assert.Empty(t, crud.Endpoints(other))
	assert.Len(t, crud.Discover(other, "/api"), len(crud.Discover(router.New(), "/api")))
}
