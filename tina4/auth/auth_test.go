package auth_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tina4stack/tina4-go/tina4/auth"
	"github.com/tina4stack/tina4-go/tina4/errkind"
)

const secret = "a-test-secret-of-32-bytes-or-more!"

// sign makes a JWT with exactly the given claims and algorithm.
func sign(t *testing.T, m jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIssueAndVerify(t *testing.T) {
	tok, err := auth.IssueToken(secret, auth.Claims{"sub": "alice", "role": "admin", "exp": 1}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	c, err := auth.Verify(secret, tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject() != "alice" || c["role"] != "admin" {
		t.Errorf("claims %v", c)
	}
	exp, _ := c["exp"].(float64)
	if d := time.Until(time.Unix(int64(exp), 0)); d < 59*time.Minute || d > time.Hour+time.Second {
		t.Errorf("exp is %v away, want the ttl (the given exp is replaced)", d)
	}
	if _, ok := c["iat"]; !ok {
		t.Error("no iat")
	}
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
			if tok, err := auth.IssueToken(tt.secret, nil, tt.ttl); err == nil {
				t.Errorf("issued %q", tok)
			}
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
			if err == nil {
				t.Fatalf("accepted, claims %v", c)
			}
			if !errors.Is(err, auth.ErrUnauthorized) || errkind.Of(err) != errkind.Unauthorized {
				t.Errorf("err %v is not ErrUnauthorized", err)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("err %q does not say %q", err, tt.why)
			}
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
	if err != nil {
		t.Fatal(err)
	}
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
				if err == nil || !errors.Is(err, auth.ErrUnauthorized) {
					t.Fatalf("claims %v, err %v: want ErrUnauthorized", c, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if auth.Claims(c).Subject() != tt.sub {
				t.Errorf("claims %v, want sub %q", c, tt.sub)
			}
		})
	}
}

func TestEnabled(t *testing.T) {
	for _, tt := range []struct {
		secret, key string
		want        bool
	}{{"", "", false}, {"s", "", true}, {"", "k", true}, {"s", "k", true}} {
		if got := auth.New(tt.secret, tt.key).Enabled(); got != tt.want {
			t.Errorf("New(%q, %q).Enabled() = %v", tt.secret, tt.key, got)
		}
	}
}
