package orm

import (
	"fmt"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// toTime converts a driver value to a UTC time; ok is false for NULL.
func toTime(src any) (time.Time, bool, error) {
	switch v := src.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v.UTC(), true, nil
	case string:
		t, err := dialect.ParseTime(v)
		return t, err == nil, err
	case []byte:
		t, err := dialect.ParseTime(string(v))
		return t, err == nil, err
	}
	return time.Time{}, false, fmt.Errorf("orm: cannot read %T as a time", src)
}
