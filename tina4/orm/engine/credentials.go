package engine

import "net/url"

// Credentials replaces the user and password of a server URL with cfg's,
// each when it is not empty.
func Credentials(u *url.URL, cfg Config) {
	user, pass := u.User.Username(), ""
	if p, ok := u.User.Password(); ok {
		pass = p
	}
	if cfg.Username != "" {
		user = cfg.Username
	}
	if cfg.Password != "" { // empty, as in .env.example: keep the URL's
		pass = cfg.Password
	}
	if user == "" {
		u.User = nil
		return
	}
	if pass == "" {
		u.User = url.User(user)
		return
	}
	u.User = url.UserPassword(user, pass)
}
