package main

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// ThisModule is the module path of Tina4 for Go.
const ThisModule = "github.com/tina4stack/tina4-go"

//go:embed all:template
var templates embed.FS

// Options configures Scaffold.
type Options struct {
	// Module is the new app's module path; "" means the folder's base name.
	Module string
	// Replace is the path of a tina4-go checkout for a replace directive in
	// go.mod; "" writes none. A relative path is made absolute.
	Replace string
}

// data is what the templates see.
type data struct {
	Module, Name, Replace string
}

// Scaffold writes a new app into dir, which must not exist or be empty.
// Files ending in .tmpl are rendered with text/template; gitignore and
// env.example become .gitignore and .env.example.
func Scaffold(dir string, o Options) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	d := data{Module: o.Module, Name: filepath.Base(abs)}
	if d.Module == "" {
		d.Module = d.Name
	}
	if strings.ContainsAny(d.Module, " \t\n\"'`") {
		return fmt.Errorf("module path %q is not valid; pass -module", d.Module)
	}
	if o.Replace != "" {
		if d.Replace, err = filepath.Abs(o.Replace); err != nil {
			return err
		}
		if !isCheckout(d.Replace) {
			return fmt.Errorf("%s is not a checkout of %s", d.Replace, ThisModule)
		}
	}
	return fs.WalkDir(templates, "template", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(path, "template/")
		switch rel {
		case "gitignore":
			rel = ".gitignore"
		case "env.example":
			rel = ".env.example"
		}
		body, err := templates.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".tmpl") {
			rel = strings.TrimSuffix(rel, ".tmpl")
			t, err := template.New(rel).Parse(string(body))
			if err != nil {
				return fmt.Errorf("template %s: %w", path, err)
			}
			var b strings.Builder
			if err := t.Execute(&b, d); err != nil {
				return fmt.Errorf("template %s: %w", path, err)
			}
			body = []byte(b.String())
		}
		target := filepath.Join(abs, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, body, 0o644)
	})
}

// isCheckout reports whether dir holds the go.mod of tina4-go.
func isCheckout(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); strings.HasPrefix(line, "module ") {
			return strings.Trim(strings.TrimSpace(strings.TrimPrefix(line, "module ")), `"`) == ThisModule
		}
	}
	return false
}
