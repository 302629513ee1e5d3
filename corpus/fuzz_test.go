package corpus

import (
	"regexp"
	"testing"
)

var passageID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*-\d+$`)

// FuzzParse: a document either parses into passages with well-formed ids
// and labels, or is refused with a ParseError; it never panics.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\nid: x\nkind: note\ntitle: T\npublisher: P\ndate: 2024-01-02\nas_of: 2024-01-02\n---\n# H\ntext [1]\n## S\n- b [1]\n## Sources\n[1] A. https://a.example\n"))
	f.Add([]byte("---\nid: x\n---\n"))
	f.Add([]byte("hello"))
	f.Add([]byte("---\r\nid: \"x\"\r\nkind: k\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("f.md", data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		if len(d.Passages) == 0 {
			t.Fatal("parsed with no passages")
		}
		for _, p := range d.Passages {
			if !passageID.MatchString(p.ID) || p.Label == "" || p.Text == "" || len(p.Text) > MaxPassageBytes {
				t.Fatalf("passage %q %q %q", p.ID, p.Label, p.Text)
			}
		}
		if _, err := New([]*Document{d}); err != nil && len(d.Passages) > 0 {
			// duplicate ids inside one document are possible only through
			// a refused parse; New must agree with Parse
			t.Fatalf("New refused a parsed document: %v", err)
		}
	})
}
