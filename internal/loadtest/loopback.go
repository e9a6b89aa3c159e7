package loadtest

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// CheckLoopback returns an error unless raw is an http URL whose host is on
// this machine's loopback: localhost, 127.0.0.0/8 or ::1. A load run never
// sends traffic anywhere else.
func CheckLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("loadtest: target %q: %w", raw, err)
	}
	if u.Scheme != "http" {
		return fmt.Errorf("loadtest: target %q: want an http:// URL", raw)
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("loadtest: target %q is not a loopback address (localhost, 127.0.0.0/8, ::1): refusing to send load there", raw)
}
