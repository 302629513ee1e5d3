package shareddir

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A path into ../shared built by hand: "../shared…" or the elements
// "..", …, "shared" of a filepath.Join.
var handBuilt = regexp.MustCompile(`"(\.\./)+shared\b|"\.\."\s*,\s*("\.\."\s*,\s*)*"shared"`)

// TestNoUnguardedSharedPaths keeps `go test ./...` green on a fresh clone:
// only this package may build a ../shared path, because File skips when the
// file is absent; any other Go file doing it would fail there instead.
func TestNoUnguardedSharedPaths(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	self, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// Hidden and underscore directories are ignored by the go tool too.
			if path != root && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			if path == self {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for i, line := range strings.Split(string(data), "\n") {
			if handBuilt.MatchString(line) {
				rel, _ := filepath.Rel(root, path)
				t.Errorf("%s:%d builds a ../shared path; use shareddir.File(t, ...), which skips on a fresh clone, or copy the file into testdata/:\n\t%s",
					rel, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no Go files found under the module root")
	}
}

func TestPatternCatchesBothForms(t *testing.T) {
	for _, line := range []string{
		`os.ReadFile(filepath.Join("..", "..", "shared", "x"))`,
		`os.ReadFile("../shared/x")`,
		`os.ReadFile("../../shared/x")`,
	} {
		if !handBuilt.MatchString(line) {
			t.Errorf("not caught: %s", line)
		}
	}
	for _, line := range []string{
		`// a test checks it against ../shared/corpus-sources/article.txt`,
		`label := "shared"`,
		`filepath.Join("..", "testdata", "questions-dev.jsonl")`,
	} {
		if handBuilt.MatchString(line) {
			t.Errorf("false alarm: %s", line)
		}
	}
}
