package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const frontMatter = "---\nid: %s\nkind: note\ntitle: T\npublisher: Us\ndate: 2025-01-01\nas_of: 2025-01-01\n---\n"

// Each hostile CORPUS_DIR entry is refused quickly with an error naming
// it; before, /dev/zero grew memory without end and a FIFO hung start-up.
func TestCorpusDirRefusesHostileFiles(t *testing.T) {
	for name, c := range map[string]struct {
		setup func(t *testing.T, path string)
		want  string
	}{
		"symlink to /dev/zero": {func(t *testing.T, p string) {
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Skip(err)
			}
		}, "not a regular file"},
		"fifo": {func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Skip(err)
			}
		}, "not a regular file"},
		"100 MB file": {func(t *testing.T, p string) {
			f, _ := os.Create(p)
			f.Truncate(100 << 20) // sparse: nothing is written, and nothing must be read
			f.Close()
		}, "more than the 4 MiB"},
		"too many passages in a document": {func(t *testing.T, p string) {
			var b strings.Builder
			fmt.Fprintf(&b, frontMatter, "many")
			for i := range MaxDocumentPassages + 1 {
				fmt.Fprintf(&b, "p%d\n\n", i)
			}
			os.WriteFile(p, []byte(b.String()), 0o644)
		}, "more than the 20000 a document may have"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "x.md")
			c.setup(t, path)
			done := make(chan error, 1)
			go func() { _, err := Default(dir); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "x.md") {
					t.Fatalf("err %v, want one naming x.md and saying %q", err, c.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("loading CORPUS_DIR hangs")
			}
		})
	}
}

func TestCorpusDirCapsPassagesInAll(t *testing.T) {
	dir := t.TempDir()
	per := MaxDocumentPassages
	for d := 0; d*per <= MaxExtraPassages; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, frontMatter, fmt.Sprint("doc", d))
		for i := range per {
			fmt.Fprintf(&b, "p%d\n\n", i)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%02d.md", d)), []byte(b.String()), 0o644)
	}
	if _, err := Default(dir); err == nil || !strings.Contains(err.Error(), "more than 100000 passages in CORPUS_DIR") {
		t.Fatalf("err %v", err)
	}
}

func TestCorpusDirFollowsASymlinkToARegularFile(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(other, "real.md"), []byte(fmt.Sprintf(frontMatter, "linked")+"A linked passage.\n"), 0o644)
	if err := os.Symlink(filepath.Join(other, "real.md"), filepath.Join(dir, "x.md")); err != nil {
		t.Skip(err)
	}
	if c, err := Default(dir); err != nil || c.byID["linked-1"] == nil {
		t.Fatalf("%v", err)
	}
}
