package migrate

import "github.com/tina4stack/tina4-go/tina4/orm"

// SetModels makes the commands compare models instead of the registered
// ones, until the returned function restores them.
func SetModels(models ...*orm.Model) (restore func()) {
	old := registered
	registered = func() []*orm.Model { return models }
	return func() { registered = old }
}
