package auth_test

import (
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/tina4stack/tina4-go/tina4/auth"
)

// A token issued with the app's SECRET authenticates a request; the handler
// reads its claims with req.Claims().
func ExampleIssueToken() {
	secret := "change-me-to-32-random-bytes...."
	token, err := auth.IssueToken(secret, auth.Claims{"sub": "alice", "role": "editor"}, time.Hour)
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest("POST", "/api/admin/notes", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	claims, err := auth.New(secret, "").Authenticate(r)
	fmt.Println(auth.Claims(claims).Subject(), claims["role"], err)

	r.Header.Set("Authorization", "Bearer "+token+"x")
	_, err = auth.New(secret, "").Authenticate(r)
	fmt.Println(err != nil)
	// Output:
	// alice editor <nil>
	// true
}
