package orm

import "sync"

// The single-row UPDATE (runUpdate) binds its arguments into a slice taken
// from argsPool and handed back once the statement has run: database/sql
// copies the arguments into its own driver values before running the
// statement and keeps nothing of the slice, so a Save of an existing row
// allocates no argument slice of its own.

// argsPoolMax is the largest capacity handed back to argsPool: a slice
// grown by an unusually wide model is left to the garbage collector.
const argsPoolMax = 64

var argsPool = sync.Pool{New: func() any {
	s := make([]any, 0, 16)
	return &s
}}

// getArgs returns an empty argument slice from argsPool.
func getArgs() *[]any {
	return argsPool.Get().(*[]any)
}

// putArgs clears args (so that the pool holds no value of the caller's)
// and hands it back to argsPool in p.
func putArgs(p *[]any, args []any) {
	if cap(args) > argsPoolMax {
		return
	}
	clear(args)
	*p = args[:0]
	argsPool.Put(p)
}
