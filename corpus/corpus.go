// Package corpus holds the documents ordinancebot answers from and splits
// them into passages with stable citation ids.
//
// A document is a Markdown file with front matter. Its body is split one
// passage per non-blank line (a paragraph or a bullet); "## " headings name
// sections, a leading "# " line is the document's own heading and is not a
// passage, and a "## Sources" section lists numbered sources ("[3] Title,
// Outlet, date. URL") that passages cite inline as "[3]" or "[1, 3]".
package corpus

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

//go:embed docs/*.md
var embedded embed.FS

// Source is one numbered entry of a document's source list.
type Source struct {
	Num  int    `json:"num"`
	Text string `json:"text"`
	URL  string `json:"url,omitempty"`
}

// Document is one file of the corpus.
type Document struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Label     string `json:"label"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Date      string `json:"date"`
	URL       string `json:"url,omitempty"`
	AsOf      string `json:"as_of"`
	Note      string `json:"note,omitempty"`
	// Lang is the document's language ("en" unless front matter says).
	Lang string `json:"lang"`
	// Related names the sections about other laws and policies than the
	// ordinance (front matter "related", comma-separated): search ranks
	// them after the ordinance's own rules unless a question names them.
	Related []string `json:"related,omitempty"`
	// Unconfirmed names the sections listing what the sources leave open
	// (front matter "unconfirmed", comma-separated): "our sources do not
	// give the official number of the LAUSD resolution" shares its words
	// with questions about every number, and answers none of them, so
	// search ranks those passages after the ones stating facts.
	Unconfirmed []string `json:"unconfirmed,omitempty"`

	// File names where the document came from, for error messages.
	File string `json:"-"`
	// Body is everything after the front matter, byte for byte.
	Body     string     `json:"-"`
	Sources  []Source   `json:"sources,omitempty"`
	Passages []*Passage `json:"-"`
}

// Language is the document's language: Lang, or "en" for a document made
// without front matter (a synthetic corpus, a test's).
func (d *Document) Language() string {
	if d.Lang == "" {
		return "en"
	}
	return d.Lang
}

// Source returns the numbered source, if the document lists it.
func (d *Document) Source(n int) (Source, bool) {
	for _, s := range d.Sources {
		if s.Num == n {
			return s, true
		}
	}
	return Source{}, false
}

// Passage is the unit of retrieval and citation.
type Passage struct {
	// ID is the stable citation id, e.g. "article-6" or "summary-timeline-2".
	ID string
	// Label is the human citation, e.g. "Article ¶6".
	Label   string
	Doc     *Document
	Section string
	// N is the paragraph number within its section (or document).
	N int
	// Seq is the passage's position in the whole corpus, for neighbours.
	Seq  int
	Text string
	// Line is the 1-based line in the document file.
	Line int
	// Cites are the source numbers cited inline, in order of appearance.
	Cites []int
	// Related is whether the passage's section is one of Doc.Related.
	Related bool
	// Unconfirmed is whether its section is one of Doc.Unconfirmed.
	Unconfirmed bool
	// AskedAs are questions this passage answers, from the document's
	// "? question" lines: indexed in a field of their own, never shown.
	AskedAs []string
}

// URL is the best link for the passage: the document's own URL, or for a
// document without one (our summary) the first source the passage cites.
func (p *Passage) URL() string {
	if p.Doc.URL != "" {
		return p.Doc.URL
	}
	for _, n := range p.Cites {
		if s, ok := p.Doc.Source(n); ok && s.URL != "" {
			return s.URL
		}
	}
	return ""
}

// CitedSources resolves the passage's inline citations.
func (p *Passage) CitedSources() []Source {
	var out []Source
	for _, n := range p.Cites {
		if s, ok := p.Doc.Source(n); ok {
			out = append(out, s)
		}
	}
	return out
}

// Corpus is the loaded set of documents, in a fixed order.
type Corpus struct {
	Docs     []*Document
	Passages []*Passage
	byID     map[string]*Passage
	version  string // see Version
}

// Passage looks a passage up by citation id.
func (c *Corpus) Passage(id string) (*Passage, bool) {
	p, ok := c.byID[id]
	return p, ok
}

// Doc looks a document up by id.
func (c *Corpus) Doc(id string) (*Document, bool) {
	for _, d := range c.Docs {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}

// AsOf is the latest "as of" date of any document: how current the corpus is.
func (c *Corpus) AsOf() string {
	latest := ""
	for _, d := range c.Docs {
		if d.AsOf > latest {
			latest = d.AsOf
		}
	}
	return latest
}

// Neighbours returns up to n passages before and after p in the same document.
func (c *Corpus) Neighbours(p *Passage, n int) []*Passage {
	var out []*Passage
	for i := p.Seq - n; i <= p.Seq+n; i++ {
		if i >= 0 && i < len(c.Passages) && c.Passages[i].Doc == p.Doc {
			out = append(out, c.Passages[i])
		}
	}
	return out
}

// Default loads the embedded documents, plus those in extraDir when it is
// not empty (CORPUS_DIR).
func Default(extraDir string) (*Corpus, error) {
	docs, err := readFS(embedded, "docs", "embedded:")
	if err != nil {
		return nil, err
	}
	if extraDir != "" {
		extra, err := readDir(extraDir)
		if err != nil {
			return nil, fmt.Errorf("load CORPUS_DIR: %w", err)
		}
		if len(extra) == 0 {
			return nil, fmt.Errorf("load CORPUS_DIR: no *.md documents in %s", extraDir)
		}
		docs = append(docs, extra...)
	}
	return New(docs)
}

// Limits on CORPUS_DIR, which is read at every start-up (MaxDocumentBytes
// is in parse.go): a corpus of more passages than was measured (100,000: a
// 48 s build, 684 MB peak, README "Scale") is a mistake, and refusing it
// early beats a bot that takes minutes and gigabytes to start.
const (
	MaxDocumentPassages = 20_000
	MaxExtraPassages    = 100_000
)

// readDir loads the *.md documents of CORPUS_DIR: regular files only (a
// symlink to /dev/zero or a FIFO would read forever or hang start-up),
// each checked for size before it is read and read through a limit.
func readDir(dir string) ([]*Document, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Strings(names)
	var docs []*Document
	total := 0
	for _, name := range names {
		data, err := readRegular(name)
		if err != nil {
			return nil, err
		}
		d, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		if len(d.Passages) > MaxDocumentPassages {
			return nil, fmt.Errorf("%s: %d passages, more than the %d a document may have; split it", name, len(d.Passages), MaxDocumentPassages)
		}
		if total += len(d.Passages); total > MaxExtraPassages {
			return nil, fmt.Errorf("%s: more than %d passages in CORPUS_DIR in all (the most the bot is measured to start with)", name, MaxExtraPassages)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func readRegular(name string) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO must not wait for a writer. Lstat first
	// would race with a swap; fstat of what was opened does not.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("read %s: not a regular file (%s)", name, fi.Mode().Type())
	}
	if fi.Size() > MaxDocumentBytes {
		return nil, fmt.Errorf("read %s: %d bytes, more than the %d MiB a document may have", name, fi.Size(), MaxDocumentBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxDocumentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxDocumentBytes { // grew after the stat
		return nil, fmt.Errorf("read %s: more than the %d MiB a document may have", name, MaxDocumentBytes>>20)
	}
	return data, nil
}

func readFS(fsys fs.FS, dir, prefix string) ([]*Document, error) {
	names, err := fs.Glob(fsys, pathJoin(dir, "*.md"))
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Strings(names)
	var docs []*Document
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		d, err := Parse(prefix+strings.TrimPrefix(name, "./"), data)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func pathJoin(dir, pattern string) string {
	if dir == "." || dir == "" {
		return pattern
	}
	return dir + "/" + pattern
}

// New assembles parsed documents into a corpus, refusing duplicate ids.
func New(docs []*Document) (*Corpus, error) {
	c := &Corpus{byID: make(map[string]*Passage)}
	seenDoc := make(map[string]string)
	for _, d := range docs {
		if prev, ok := seenDoc[d.ID]; ok {
			// A ParseError, like a syntax error: a reload that fails on it
			// logs the file and the reason the same way.
			return nil, &ParseError{File: d.File, Msg: fmt.Sprintf("duplicate document id %q (already used by %s)", d.ID, prev)}
		}
		seenDoc[d.ID] = d.File
		for _, p := range d.Passages {
			if prev, ok := c.byID[p.ID]; ok {
				return nil, &ParseError{File: d.File, Line: p.Line, Msg: fmt.Sprintf("duplicate passage id %q (already used at %s:%d)", p.ID, prev.Doc.File, prev.Line)}
			}
			p.Seq = len(c.Passages)
			c.byID[p.ID] = p
			c.Passages = append(c.Passages, p)
		}
		c.Docs = append(c.Docs, d)
	}
	if len(c.Passages) == 0 {
		return nil, fmt.Errorf("corpus has no passages")
	}
	c.version = contentHash(c.Docs)
	return c, nil
}
