package models

import "github.com/tina4stack/tina4-go/tina4/orm"

// Product is the validation model of section 11. Price is a pointer so that
// "required" means "given" and 0 fails min=0.01 with the chapter's message,
// as in Python, rather than counting as missing.
type Product struct {
	ID       int64    `db:"id"`
	Name     string   `db:"name" validate:"required,min=2,max=200"`
	SKU      string   `db:"sku" validate:"required" regex:"^[A-Z]{2}-\\d{4}$"` // e.g. EL-1234
	Price    *float64 `db:"price" validate:"required,min=0.01,max=999999.99"`
	Category string   `db:"category" validate:"omitempty,oneof=Electronics Kitchen Office Fitness"`
}

// TableName names the table.
func (Product) TableName() string { return "products" }

func init() { orm.Register[Product]() }
