package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ordinancebot/internal/golden"
	"ordinancebot/internal/shareddir"
)

func mustDefault(t *testing.T) *Corpus {
	t.Helper()
	c, err := Default("")
	if err != nil {
		t.Fatalf("load embedded corpus: %v", err)
	}
	return c
}

// The article must be indexed word for word: curly quotes, en dash and all.
// The reference copy lives in ../shared, which a fresh clone lacks: the
// test skips there (shareddir.File) and runs wherever shared/ is present.
func TestArticleIsByteIdenticalToSharedCopy(t *testing.T) {
	want, err := os.ReadFile(shareddir.File(t, "corpus-sources/article.txt"))
	if err != nil {
		t.Fatalf("read the shared article: %v", err)
	}
	c := mustDefault(t)
	d, ok := c.Doc("article")
	if !ok {
		t.Fatal("no document with id article")
	}
	// "? question" lines (asked-as questions) are ours, not the article's:
	// drop them, and what remains must be the article byte for byte.
	var kept []string
	for _, l := range strings.Split(d.Body, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), askedPrefix) {
			kept = append(kept, l)
		}
	}
	if body := strings.Join(kept, "\n"); body != string(want) {
		t.Fatalf("article body, without its asked-as lines, differs from shared/corpus-sources/article.txt (%d vs %d bytes)", len(body), len(want))
	}
	var joined []string
	for _, p := range d.Passages {
		joined = append(joined, p.Text)
	}
	if got := strings.Join(joined, "\n"); got != string(want) {
		t.Fatal("article passages do not reassemble into the article")
	}
	if len(d.Passages) != 16 {
		t.Fatalf("article has %d passages, want its 16 paragraphs", len(d.Passages))
	}
	if p := d.Passages[5]; p.ID != "article-6" || p.Label != "Article ¶6" {
		t.Fatalf("sixth paragraph is %s %q, want article-6 \"Article ¶6\"", p.ID, p.Label)
	}
}

func TestSummaryPassagesCiteListedSources(t *testing.T) {
	c := mustDefault(t)
	d, ok := c.Doc("summary")
	if !ok {
		t.Fatal("no document with id summary")
	}
	if d.AsOf == "" || len(d.Sources) < 10 {
		t.Fatalf("summary needs an as_of date and its source list; got as_of=%q, %d sources", d.AsOf, len(d.Sources))
	}
	used := map[int]bool{}
	for _, p := range d.Passages {
		if len(p.Cites) == 0 {
			t.Errorf("%s (line %d) cites no source", p.ID, p.Line)
		}
		for _, n := range p.Cites {
			if _, ok := d.Source(n); !ok {
				t.Errorf("%s cites [%d], which the Sources list lacks", p.ID, n)
			}
			used[n] = true
		}
	}
	for _, s := range d.Sources {
		if !used[s.Num] {
			t.Errorf("source [%d] is listed but never cited", s.Num)
		}
		if !strings.HasPrefix(s.URL, "http") {
			t.Errorf("source [%d] has no URL", s.Num)
		}
	}
	// The article says the ordinance went to the mayor after Nov. 19; the
	// summary must state the later facts plainly.
	for _, fact := range []string{"12–0", "Dec. 4, 2024", "188441", "signed", "dismiss"} {
		found := false
		for _, p := range d.Passages {
			if strings.Contains(p.Text, fact) {
				found = true
			}
		}
		if !found {
			t.Errorf("summary never states %q", fact)
		}
	}
}

// Citation ids are a public interface (moderators and /source use them):
// a change to them must be deliberate. Run with -update to accept one.
// TestPassageIDsGolden keeps citation ids stable: pins and old replies cite
// them, so a passage added in the middle of a section (every later id of it
// moves by one) must show in review. Each id is listed with its passage's
// first words, which move with it.
func TestPassageIDsGolden(t *testing.T) {
	c := mustDefault(t)
	var b strings.Builder
	for _, p := range c.Passages {
		words := strings.Fields(p.Text)
		b.WriteString(p.ID + "\t" + p.Label + "\t" + strings.Join(words[:min(8, len(words))], " ") + "\n")
	}
	golden.Check(t, filepath.Join("testdata", "passages.golden"), []byte(b.String()), "passage ids")
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	const good = "---\nid: x\nkind: note\ntitle: T\npublisher: P\ndate: 2024-01-02\nas_of: 2024-01-02\n---\n"
	tests := []struct {
		name, doc, want string
	}{
		{"no front matter", "hello\n", "x.md:1: front matter missing"},
		{"unclosed", "---\nid: x\n", "front matter not closed"},
		{"unknown key", "---\nid: x\nauthor: me\n---\ntext\n", `x.md:3: unknown front-matter key "author"`},
		{"not key value", "---\nid x\n---\ntext\n", `x.md:2: expected "key: value"`},
		{"duplicate key", "---\nid: x\nid: y\n---\n", `x.md:3: front-matter key "id" given twice`},
		{"missing required", "---\nid: x\n---\ntext\n", "lacks required key"},
		{"bad date", strings.Replace(good, "date: 2024-01-02", "date: Jan 2", 1) + "text\n", `date "Jan 2" is not a date`},
		{"bad id", strings.Replace(good, "id: x", "id: Has Spaces", 1) + "text\n", "must be lowercase"},
		{"bad url", strings.Replace(good, "id: x", "id: x\nurl: ftp://x", 1) + "text\n", "url"},
		{"no passages", good, "no passages"},
		{"bad heading", good + "### deep\n", "x.md:9: only"},
		{"missing source", good + "A fact. [2]\n## Sources\n[1] A source. https://example.com\n", "x.md:9: passage cites [2]"},
		{"uncited", good + "A fact.\n## Sources\n[1] A source. https://example.com\n", "x.md:9: passage cites no source"},
		{"bad source line", good + "A fact. [1]\n## Sources\n1. A source\n", "x.md:11: a source line"},
		{"not utf8", good + "\xff\xfe\n", "not valid UTF-8"},
		{"too long", good + strings.Repeat("word ", 1000) + "\n", "split it"},
		{"unknown related section", strings.Replace(good, "id: x", "id: x\nrelated: Elsewhere", 1) + "A fact.\n", `"related" names section "Elsewhere"`},
		{"unknown unconfirmed section", strings.Replace(good, "id: x", "id: x\nunconfirmed: Open", 1) + "## Open questions\nA fact.\n", `"unconfirmed" names section "Open"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.md", []byte(tt.doc))
			if err == nil {
				t.Fatalf("parsed without error, want %q", tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseSectionsAndCitations(t *testing.T) {
	doc := "---\nid: faq\nkind: note\nlabel: FAQ\ntitle: \"Questions: answered\"\npublisher: Us\ndate: 2025-01-01\nas_of: 2025-02-01\n---\n" +
		"# FAQ\n\nIntro line. [1]\n\n## What it does\n\n- First bullet. [1, 2]\n- Second bullet. [2]\n\n## Sources\n\n[1] One. https://one.example\n[2] Two. https://two.example/x\n"
	d, err := Parse("faq.md", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Questions: answered" {
		t.Errorf("title %q: quotes should be stripped and the colon kept", d.Title)
	}
	want := []struct{ id, label, text string }{
		{"faq-1", "FAQ ¶1", "Intro line. [1]"},
		{"faq-what-it-does-1", "FAQ › What it does ¶1", "First bullet. [1, 2]"},
		{"faq-what-it-does-2", "FAQ › What it does ¶2", "Second bullet. [2]"},
	}
	if len(d.Passages) != len(want) {
		t.Fatalf("got %d passages, want %d", len(d.Passages), len(want))
	}
	for i, w := range want {
		p := d.Passages[i]
		if p.ID != w.id || p.Label != w.label || p.Text != w.text {
			t.Errorf("passage %d = %s %q %q, want %s %q %q", i, p.ID, p.Label, p.Text, w.id, w.label, w.text)
		}
	}
	p := d.Passages[1]
	if len(p.Cites) != 2 || p.URL() != "https://one.example" {
		t.Errorf("cites %v url %q", p.Cites, p.URL())
	}
	if p.Related || p.Unconfirmed {
		t.Errorf("passage in no listed section: related %v, unconfirmed %v", p.Related, p.Unconfirmed)
	}
	marked, err := Parse("faq.md", []byte(strings.Replace(doc, "label: FAQ", "label: FAQ\nunconfirmed: What it does", 1)))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, true, true} {
		if got := marked.Passages[i].Unconfirmed; got != want {
			t.Errorf("passage %s unconfirmed %v, want %v", marked.Passages[i].ID, got, want)
		}
	}
}

func TestCorpusDirAddsDocumentsAndRefusesDuplicates(t *testing.T) {
	dir := t.TempDir()
	extra := "---\nid: extra\nkind: note\ntitle: Extra\npublisher: Us\ndate: 2025-01-01\nas_of: 2026-08-01\n---\nAn extra passage about parking.\n"
	if err := os.WriteFile(filepath.Join(dir, "extra.md"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Default(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Passage("extra-1"); !ok {
		t.Fatal("extra document's passage not loaded")
	}
	if c.AsOf() != "2026-08-01" {
		t.Errorf("AsOf = %s, want the latest document's", c.AsOf())
	}

	dup := strings.Replace(extra, "id: extra", "id: article", 1)
	if err := os.WriteFile(filepath.Join(dir, "dup.md"), []byte(dup), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Default(dir); err == nil || !strings.Contains(err.Error(), `duplicate document id "article"`) {
		t.Fatalf("duplicate id: got %v", err)
	}

	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "bad.md"), []byte("---\nid: bad\nkind: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Default(bad); err == nil || !strings.Contains(err.Error(), "bad.md") {
		t.Fatalf("malformed document: error %v should name the file", err)
	}
	if _, err := Default(t.TempDir()); err == nil {
		t.Fatal("an empty CORPUS_DIR should be an error, not silently ignored")
	}
}

func TestNeighbours(t *testing.T) {
	c := mustDefault(t)
	p, _ := c.Passage("article-1")
	n := c.Neighbours(p, 1)
	if len(n) != 2 || n[0].ID != "article-1" || n[1].ID != "article-2" {
		t.Fatalf("neighbours of article-1: %v", n)
	}
	last, _ := c.Passage("article-16")
	for _, q := range c.Neighbours(last, 2) {
		if q.Doc != last.Doc {
			t.Fatalf("neighbour %s crosses into another document", q.ID)
		}
	}
}
