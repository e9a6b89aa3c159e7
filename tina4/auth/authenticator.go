package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// Authenticator checks the bearer token of a request against an API key and
// a JWT secret. The zero value (neither set) refuses every request, so a
// route that needs a token is closed until one of them is configured.
type Authenticator struct {
	secret    string
	apiKey    [sha256.Size]byte // the key's digest: equal lengths, compared in constant time
	hasAPIKey bool
}

// New returns an Authenticator accepting apiKey as a token and JWTs signed
// with secret. Either may be empty, which turns that kind of token off.
func New(secret, apiKey string) *Authenticator {
	a := &Authenticator{secret: secret}
	if apiKey != "" {
		a.apiKey, a.hasAPIKey = sha256.Sum256([]byte(apiKey)), true
	}
	return a
}

// Enabled reports whether any token can be valid: a secret or an API key is
// set.
func (a *Authenticator) Enabled() bool { return a.secret != "" || a.hasAPIKey }

// APIKeyClaims are the claims of a request authenticated with the API key.
func APIKeyClaims() Claims { return Claims{"sub": "api_key"} }

// Authenticate reads the request's "Authorization: Bearer <token>" header and
// returns the token's claims: APIKeyClaims for the API key, the JWT's claims
// for a valid JWT. A missing header, another scheme or an invalid token is an
// error matching ErrUnauthorized. Its signature is the router's AuthFunc.
func (a *Authenticator) Authenticate(r *http.Request) (map[string]any, error) {
	token, ok := BearerToken(r)
	if !ok {
		return nil, unauthorized("no bearer token")
	}
	if a.hasAPIKey {
		sum := sha256.Sum256([]byte(token))
		if subtle.ConstantTimeCompare(sum[:], a.apiKey[:]) == 1 {
			return APIKeyClaims(), nil
		}
	}
	if a.secret == "" {
		return nil, unauthorized("the token is not the API key and no SECRET is set to verify a JWT")
	}
	return Verify(a.secret, token)
}

// BearerToken returns the token of the request's "Authorization: Bearer
// <token>" header (the scheme in any case), and false when there is none.
func BearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
