package crud

import (
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Bind sets the fields of m from the request's JSON body, by column name,
// with AutoCrud's rules (see the package doc): a body that is not JSON by
// its Content-Type (or has a Content-Encoding) is an errkind.Unsupported
// error (415); only the keys sent are set;
// an unknown key, a value of the wrong type, null for a non-nullable column,
// or a new value for a read-only column is an errkind.Invalid error (a 400
// when returned from a handler), and m is left untouched. When m is a new
// record (its primary key is zero), the columns the body does not mention
// take their default tag, so that validation sees what Save would write.
//
// Custom routes use it to read a model from a body the way AutoCrud does:
//
//	var p models.Product
//	if err := crud.Bind(req, &p); err != nil {
//		return err
//	}
//	if errs := orm.Validate(&p); errs != nil {
//		return res.JSON(map[string]any{"errors": errs}, 400)
//	}
func Bind[T any](req *router.Request, m *T) error {
	meta, err := orm.ModelOf[T]()
	if err != nil {
		return err
	}
	if m == nil {
		return fmt.Errorf("crud: Bind into a nil *%s", meta.Name)
	}
	req.Body() // puts the size limit on the body before requireJSON peeks at it
	if err := requireJSON(req.Raw); err != nil {
		return err
	}
	sent, err := decodeBody(req.Body(), meta, m)
	if err != nil {
		return err
	}
	if meta.IsNew(m) {
		meta.ApplyDefaults(m, sent)
	}
	return nil
}
