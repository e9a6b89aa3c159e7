// Package auth issues and checks the bearer tokens of Tina4's access model.
//
// A request is authenticated by an "Authorization: Bearer <token>" header
// whose token either equals the API key (TINA4_API_KEY), compared in constant
// time, or is a JWT signed with the secret (SECRET) using HS256 that has not
// expired. Tokens signed with any other algorithm (including "none"), with
// another secret, without an expiry or past it are refused.
//
// IssueToken makes such a JWT; Verify checks one; an Authenticator applies
// both rules to a request and is what tina4.New installs as the router's
// Auth hook, so that the router can answer 401 {"error": "Unauthorized"} to
// requests that need a token and lack a valid one.
package auth
