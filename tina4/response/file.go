package response

import (
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// File serves the file at path with http.ServeContent: the content type comes
// from the extension (or the content), and Range, If-Modified-Since and HEAD
// are handled. A missing file or a directory is an errkind.NotFound error and
// nothing is written. path is a server path: never pass it unchecked user
// input.
func (res *Response) File(path string) error {
	return res.serveFile(path, "")
}

// Download serves the file at path like File, with a Content-Disposition
// header telling the browser to save it as filename (the base name of path
// when filename is empty).
func (res *Response) Download(path, filename string) error {
	if filename == "" {
		filename = filepath.Base(path)
	}
	return res.serveFile(path, filename)
}

func (res *Response) serveFile(path, attachment string) error {
	f, err := os.Open(path)
	if err != nil {
		return fileError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fileError(err)
	}
	if info.IsDir() {
		return fileError(fs.ErrNotExist)
	}
	if attachment != "" {
		res.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": attachment}))
	}
	http.ServeContent(&res.tw, res.r, info.Name(), info.ModTime(), f)
	return nil
}

// publicError is an error with a kind and a message safe to show the client;
// its Error text keeps the cause for the log.
type publicError struct {
	kind   errkind.Kind
	public string
	err    error
}

func (e *publicError) Error() string         { return "response: " + e.public + ": " + e.err.Error() }
func (e *publicError) Kind() errkind.Kind    { return e.kind }
func (e *publicError) PublicMessage() string { return e.public }
func (e *publicError) Unwrap() error         { return e.err }

func fileError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &publicError{errkind.NotFound, "File not found", err}
	case errors.Is(err, fs.ErrPermission):
		return &publicError{errkind.Forbidden, "Forbidden", err}
	}
	return &publicError{errkind.Internal, "Internal Server Error", err}
}
