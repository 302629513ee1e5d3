package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The version is a short hex hash of the documents' content: the same
// documents give the same version wherever their files are, and any edit
// to a passage or to the front matter changes it.
func TestVersionIsAContentHash(t *testing.T) {
	load := func(dir, name, body string) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf(frontMatter, "v")+body), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Default(dir)
		if err != nil {
			t.Fatal(err)
		}
		return c.Version()
	}
	a := load(t.TempDir(), "a.md", "One passage.\n")
	if !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(a) {
		t.Fatalf("version %q is not 12 hex digits", a)
	}
	if b := load(t.TempDir(), "b.md", "One passage.\n"); b != a {
		t.Errorf("same content under another file name: version %s, want %s", b, a)
	}
	if b := load(t.TempDir(), "a.md", "One passage, edited.\n"); b == a {
		t.Errorf("an edited passage kept version %s", a)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\nid: v\nkind: note\ntitle: T\npublisher: Us\ndate: 2025-01-01\nas_of: 2025-02-01\n---\nOne passage.\n"), 0o644)
	if c, err := Default(dir); err != nil || c.Version() == a {
		t.Errorf("a new as_of date kept version %s (err %v)", a, err)
	}
	base, _ := Default("")
	again, _ := Default("")
	if base.Version() != again.Version() {
		t.Errorf("the embedded corpus has two versions: %s, %s", base.Version(), again.Version())
	}
}
