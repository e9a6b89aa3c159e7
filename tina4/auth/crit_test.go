package auth_test

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/auth"
)

// A token whose header names critical extensions is refused, whatever they
// are (RFC 7515 section 4.1.11), even when its signature and claims are
// good.
func TestVerifyRefusesCrit(t *testing.T) {
	const secret = "s3cret"
	claims := jwt.MapClaims{"sub": "a", "exp": time.Now().Add(time.Hour).Unix(), "b64": false}
	tests := []struct {
		name string
		crit any
	}{
		{"list", []string{"b64"}},
		{"empty list", []string{}},
		{"not a list", "exp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
			tok.Header["crit"] = tt.crit
			s, err := tok.SignedString([]byte(secret))
			require.NoError(t, err)
			_, err = auth.Verify(secret, s)
			require.ErrorIs(t, err, auth.ErrUnauthorized)
			assert.Contains(t, err.Error(), "crit")
		})
	}
	t.Run("without crit", func(t *testing.T) {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
		require.NoError(t, err)
		_, err = auth.Verify(secret, s)
		require.NoError(t, err)
	})
}
