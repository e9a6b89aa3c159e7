package router

// Extension returns the value stored on rt under key, storing init() there
// first when there is none. Packages that keep state per router (crud: the
// models mounted on it and their endpoints) keep it here rather than in a
// package-level map keyed by router, so that it lives exactly as long as the
// router and two routers never share it. key should be a value of an
// unexported type of the calling package, as for context keys. It is safe
// for concurrent use.
func (rt *Router) Extension(key any, init func() any) any {
	rt.extMu.Lock()
	defer rt.extMu.Unlock()
	if v, ok := rt.ext[key]; ok {
		return v
	}
	if rt.ext == nil {
		rt.ext = map[any]any{}
	}
	v := init()
	rt.ext[key] = v
	return v
}
