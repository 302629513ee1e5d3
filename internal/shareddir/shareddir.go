// Package shareddir is the one way tests reach the project's ../shared
// folder (material developers may have beside the repository). A fresh
// clone has no such folder, and `go test ./...` must still pass there, so a
// test that needs a shared file gets it through File, which skips the test
// with a message when the file is absent. Everything a test cannot do
// without lives in the repository instead (testdata/, the vendored Discord
// spec); shareddir_test.go fails when a Go file builds a ../shared path
// itself.
package shareddir

import (
	"os"
	"path/filepath"
	"testing"
)

// File returns the path of rel (slash-separated, e.g.
// "corpus-sources/article.txt") inside the shared folder beside the
// module root, or skips tb when that file does not exist.
func File(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatalf("find the module root: %v", err)
	}
	path := filepath.Join(root, "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("needs ../shared/%s beside the repository (not part of a fresh clone): %v", rel, err)
	}
	return path
}

// moduleRoot walks up from the working directory (the package directory
// under `go test`) to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
