// Package golden compares test output with a file kept in testdata, and
// rewrites the file when a test binary runs with -update.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Check fails t when got differs from the golden file at path; with
// -update it writes got there first. what names the output in messages.
func Check(t *testing.T, path string, got []byte, what string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test with -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s changed; if on purpose, run go test with -update\n got:\n%s", what, got)
	}
}
