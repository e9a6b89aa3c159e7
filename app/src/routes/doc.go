// Package routes holds the example app's custom routes, registered on the
// default router in init(), which main.go triggers with a blank import:
// the product endpoint of the ORM chapter's section 11, the blog of
// sections 12 and 13, and the scope endpoints of section 10. AutoCrud serves
// every model too; these routes win where the method and path are the same.
package routes
