package orm

// Accessors for code that describes models, such as the OpenAPI document.

// OneOfValues splits the parameter of a oneof validation rule into its
// values, as the validator does: separated by spaces, 'quoted values' may
// hold spaces.
func OneOfValues(param string) []string { return oneofValues(param) }
