package engine_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

func TestCredentials(t *testing.T) {
	tests := []struct {
		name, url, user, pass, want string
	}{
		{"URL as given", "postgres://u:p@h/db", "", "", "postgres://u:p@h/db"},
		{"username replaced", "postgres://u:p@h/db", "admin", "", "postgres://admin:p@h/db"},
		{"password replaced", "postgres://u:p@h/db", "", "s3cret", "postgres://u:s3cret@h/db"},
		{"both, URL had none", "mysql://h/db", "root", "pw", "mysql://root:pw@h/db"},
		{"empty settings keep the URL's", "mysql://root:pw@h/db", "", "", "mysql://root:pw@h/db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			require.NoError(t, err)
			engine.Credentials(u, engine.Config{Username: tt.user, Password: tt.pass})
			assert.Equal(t, tt.want, u.String())
		})
	}
}
