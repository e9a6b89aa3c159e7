package dialect

import (
	"fmt"
	"strconv"
	"strings"
)

// literal renders v, the text of a default tag, as an SQL literal of kind k.
func literal(k Kind, v, trueLit, falseLit string) (string, error) {
	switch k {
	case Int:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "", fmt.Errorf("dialect: default %q is not an integer", v)
		}
		return v, nil
	case Float:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", fmt.Errorf("dialect: default %q is not a number", v)
		}
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	case Bool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return "", fmt.Errorf("dialect: default %q is not a boolean", v)
		}
		if b {
			return trueLit, nil
		}
		return falseLit, nil
	case String, Text, Time:
		return stringLiteral(v), nil
	}
	return "", fmt.Errorf("dialect: a column of this type cannot have a default")
}

// stringLiteral quotes s as an SQL string literal.
func stringLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
