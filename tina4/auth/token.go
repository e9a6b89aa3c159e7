package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// Claims are the claims of a token: the registered ones ("sub", "exp",
// "iat", ...) and any the issuer added. JSON numbers read back as float64.
type Claims map[string]any

// Subject returns the "sub" claim, or "".
func (c Claims) Subject() string {
	s, _ := c["sub"].(string)
	return s
}

// ErrUnauthorized is the error of a request without valid credentials; its
// kind is errkind.Unauthorized (401) and its message "Unauthorized". The
// errors of Verify and Authenticate match it with errors.Is and say why in
// their text, which is for the log, not the client.
var ErrUnauthorized = errkind.New(errkind.Unauthorized, "Unauthorized")

// method is the only signing algorithm issued and accepted.
var method = jwt.SigningMethodHS256

// IssueToken returns a JWT carrying claims, signed with secret (HS256), that
// expires ttl from now. It sets "iat" and "exp", replacing any given; the
// other claims are copied as they are. An empty secret or a ttl that is not
// positive is an error: such a token could not be trusted or used.
func IssueToken(secret string, claims Claims, ttl time.Duration) (string, error) {
	if secret == "" {
		return "", errors.New("auth: IssueToken: empty secret")
	}
	if ttl <= 0 {
		return "", fmt.Errorf("auth: IssueToken: ttl %v is not positive", ttl)
	}
	mc := make(jwt.MapClaims, len(claims)+2)
	for k, v := range claims {
		mc[k] = v
	}
	now := time.Now()
	mc["iat"] = jwt.NewNumericDate(now)
	mc["exp"] = jwt.NewNumericDate(now.Add(ttl))
	s, err := jwt.NewWithClaims(method, mc).SignedString([]byte(secret))
	if err != nil {
		return "", fmt.Errorf("auth: IssueToken: %w", err)
	}
	return s, nil
}

// parser accepts HS256 only and requires an expiry.
var parser = jwt.NewParser(jwt.WithValidMethods([]string{method.Alg()}), jwt.WithExpirationRequired())

// Verify checks that token is a JWT signed with secret (HS256) that carries
// an expiry in the future (and, when it has them, a "nbf" in the past), and
// returns its claims. A header with a "crit" parameter is refused (RFC 7515
// section 4.1.11: no extension is understood). Any failure, an empty secret included, is an error
// matching ErrUnauthorized that says why.
func Verify(secret, token string) (Claims, error) {
	if secret == "" {
		return nil, unauthorized("no secret is configured to verify a JWT")
	}
	t, err := parser.Parse(token, func(*jwt.Token) (any, error) { return []byte(secret), nil })
	if err != nil {
		return nil, unauthorized("invalid JWT: %v", err)
	}
	if _, ok := t.Header["crit"]; ok {
		// RFC 7515 section 4.1.11: a recipient that does not understand
		// every critical extension must refuse the token, and no extension
		// is understood here.
		return nil, unauthorized("invalid JWT: the header has a crit parameter, and no extension is supported")
	}
	mc, ok := t.Claims.(jwt.MapClaims)
	if !ok || !t.Valid {
		return nil, unauthorized("invalid JWT")
	}
	return Claims(mc), nil
}

// reasonError is an Unauthorized error with the reason in its text.
type reasonError struct{ reason string }

func (e *reasonError) Error() string         { return "auth: unauthorized: " + e.reason }
func (e *reasonError) Is(target error) bool  { return target == ErrUnauthorized }
func (e *reasonError) Kind() errkind.Kind    { return errkind.Unauthorized }
func (e *reasonError) PublicMessage() string { return "Unauthorized" }

func unauthorized(format string, args ...any) error {
	return &reasonError{reason: fmt.Sprintf(format, args...)}
}
