package orm

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRetryPolicyDelay(t *testing.T) {
	p := RetryPolicy{Attempts: 10, BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond}
	for _, tt := range []struct {
		attempt int
		full    time.Duration
	}{{1, 10 * time.Millisecond}, {2, 20 * time.Millisecond}, {3, 40 * time.Millisecond}, {4, 80 * time.Millisecond}, {5, 100 * time.Millisecond}, {30, 100 * time.Millisecond}} {
		for range 50 {
			d := p.delay(tt.attempt)
			assert.GreaterOrEqual(t, d, tt.full/2, "attempt %d", tt.attempt)
			assert.LessOrEqual(t, d, tt.full, "attempt %d", tt.attempt)
		}
	}
	assert.Equal(t, DefaultRetryPolicy, RetryPolicy{}.filled())
	assert.Equal(t, RetryPolicy{Attempts: 1, BaseDelay: 2 * time.Second, MaxDelay: 2 * time.Second},
		RetryPolicy{Attempts: 1, BaseDelay: 2 * time.Second}.filled(), "the maximum is never below the base")
}

func TestIsLockingRead(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT * FROM t WHERE id = 1 FOR UPDATE":              true,
		"select * from t for no key update skip locked":        true,
		"SELECT * FROM t FOR SHARE":                            true,
		"SELECT * FROM t FOR KEY SHARE":                        true,
		"SELECT * FROM t LOCK IN SHARE MODE":                   true,
		"SELECT * FROM t WHERE title = ?":                      false,
		"SELECT 'for update' AS x":                             true, // erring on the primary's side is safe
		"SELECT * FROM t WHERE comment = 'to update for sure'": false,
	} {
		assert.Equal(t, want, isLockingRead(q), q)
	}
}
