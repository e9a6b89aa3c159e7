package auth_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/auth"
	"github.com/tina4stack/tina4-go/tina4/errkind"
)

const secret = "a-test-secret-of-32-bytes-or-more!"

// sign makes a JWT with exactly the given claims and algorithm.
func sign(t *testing.T, m jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, claims).SignedString(key)
	require.NoError(t, err)
	return s
}

func TestIssueAndVerify(t *testing.T) {
	tok, err := auth.IssueToken(secret, auth.Claims{"sub": "alice", "role": "admin", "exp": 1}, time.Hour)
	require.NoError(t, err)
	c, err := auth.Verify(secret, tok)
	require.NoError(t, err)
	assert.Equal(t, "alice", c.Subject(), "claims")
	assert.Equal(t, "admin", c["role"], "claims")
	exp, _ := c["exp"].(float64)
	d := time.Until(time.Unix(int64(exp), 0))
	if assert.GreaterOrEqual(t, d, 59*time.Minute, "exp is %v away, want the ttl (the given exp is replaced)", d) {
		assert.LessOrEqual(t, d, time.Hour+time.Second, "exp is %v away, want the ttl (the given exp is replaced)", d)
	}
	_, ok := c["iat"]
	assert.True(t, ok, "no iat")
}

func TestIssueTokenErrors(t *testing.T) {
	for _, tt := range []struct {
		name, secret string
		ttl          time.Duration
	}{
		{"empty secret", "", time.Hour},
		{"zero ttl", secret, 0},
		{"negative ttl", secret, -time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := auth.IssueToken(tt.secret, nil, tt.ttl)
			assert.Error(t, err, "issued %q", tok)
		})
	}
}

func TestVerifyRefuses(t *testing.T) {
	now := time.Now()
	valid := jwt.MapClaims{"sub": "a", "exp": now.Add(time.Hour).Unix()}
	none := sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid)
	good := sign(t, jwt.SigningMethodHS256, []byte(secret), valid)
	tests := []struct {
		name, secret, token, why string
	}{
		{"wrong secret", secret, sign(t, jwt.SigningMethodHS256, []byte("another secret"), valid), "signature"},
		{"expired", secret, sign(t, jwt.SigningMethodHS256, []byte(secret), jwt.MapClaims{"exp": now.Add(-time.Minute).Unix()}), "expired"},
		{"no exp", secret, sign(t, jwt.SigningMethodHS256, []byte(secret), jwt.MapClaims{"sub": "a"}), "exp"},
		{"not yet valid", secret, sign(t, jwt.SigningMethodHS256, []byte(secret), jwt.MapClaims{"exp": now.Add(time.Hour).Unix(), "nbf": now.Add(time.Hour).Unix()}), "not valid yet"},
		{"alg none", secret, none, "signing method"},
		{"HS512", secret, sign(t, jwt.SigningMethodHS512, []byte(secret), valid), "signing method"},
		{"HS384", secret, sign(t, jwt.SigningMethodHS384, []byte(secret), valid), "signing method"},
		{"tampered payload", secret, tamper(good), "signature"},
		{"empty", secret, "", "malformed"},
		{"garbage", secret, "not.a.jwt", "malformed"},
		{"two parts", secret, "abc.def", "malformed"},
		{"no secret configured", "", good, "no secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := auth.Verify(tt.secret, tt.token)
			require.Error(t, err, "accepted, claims %v", c)
			if assert.ErrorIs(t, err, auth.ErrUnauthorized, "err %v is not ErrUnauthorized", err) {
				assert.Equal(t, errkind.Unauthorized, errkind.Of(err), "err %v is not ErrUnauthorized", err)
			}
			assert.Contains(t, err.Error(), tt.why, "err %q does not say %q", err, tt.why)
		})
	}
}

// tamper changes the payload of a JWT, keeping its signature.
func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	forged := sign0(jwt.MapClaims{"sub": "admin", "exp": time.Now().Add(time.Hour).Unix()})
	return parts[0] + "." + strings.Split(forged, ".")[1] + "." + parts[2]
}

func sign0(c jwt.MapClaims) string {
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte("x"))
	return s
}

func TestAuthenticate(t *testing.T) {
	jwtTok, err := auth.IssueToken(secret, auth.Claims{"sub": "bob"}, time.Hour)
	require.NoError(t, err)
	both := auth.New(secret, "the-api-key")
	tests := []struct {
		name   string
		a      *auth.Authenticator
		header string
		sub    string // "" means refused
	}{
		{"API key", both, "Bearer the-api-key", "api_key"},
		{"scheme in any case", both, "bearer the-api-key", "api_key"},
		{"extra spaces", both, "  Bearer   the-api-key  ", "api_key"},
		{"JWT", both, "Bearer " + jwtTok, "bob"},
		{"no header", both, "", ""},
		{"no token", both, "Bearer ", ""},
		{"no scheme", both, "the-api-key", ""},
		{"basic scheme", both, "Basic the-api-key", ""},
		{"wrong key", both, "Bearer the-api-kez", ""},
		{"key prefix", both, "Bearer the-api", ""},
		{"key only: JWT refused", auth.New("", "the-api-key"), "Bearer " + jwtTok, ""},
		{"secret only: key refused", auth.New(secret, ""), "Bearer the-api-key", ""},
		{"nothing configured", auth.New("", ""), "Bearer the-api-key", ""},
		{"nothing configured, empty token", auth.New("", ""), "Bearer ", ""},
		{"zero value", &auth.Authenticator{}, "Bearer " + jwtTok, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			c, err := tt.a.Authenticate(r)
			if tt.sub == "" {
				require.Error(t, err, "claims %v, err %v: want ErrUnauthorized", c, err)
				require.ErrorIs(t, err, auth.ErrUnauthorized, "claims %v, err %v: want ErrUnauthorized", c, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.sub, auth.Claims(c).Subject(), "claims %v, want sub %q", c, tt.sub)
		})
	}
}

func TestEnabled(t *testing.T) {
	for _, tt := range []struct {
		secret, key string
		want        bool
	}{{"", "", false}, {"s", "", true}, {"", "k", true}, {"s", "k", true}} {
		got := auth.New(tt.secret, tt.key).Enabled()
		assert.Equal(t, tt.want, got, "New(%q, %q).Enabled() = %v", tt.secret, tt.key, got)
	}
}
