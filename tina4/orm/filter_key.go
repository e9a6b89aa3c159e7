package orm

// FilterPath splits a filter key as Filter and FilterText read it:
// "author__account__email__startswith" is the relations followed
// (["author", "account"]), the final name ("email") and the operator
// ("startswith"); a key without an operator has op "eq". Names are not
// checked against a model here. Code that guards what a key may reach, such
// as AutoCrud's access check, uses it to see every relation a key follows.
func FilterPath(key string) (relations []string, name, op string) {
	path, op := splitFilterKey(key)
	return path[:len(path)-1], path[len(path)-1], op
}
