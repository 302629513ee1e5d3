package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"ordinancebot/corpus"
)

// batchSize bounds one indexing batch: one batch of 100k passages took
// 5.5 GB of memory (shared/bleve-notes.md), batches of 1k stay small.
const batchSize = 1000

// schemaVersion changes whenever the mapping or what is indexed changes,
// so an on-disk index from an older build is never reused.
const schemaVersion = "ob-index-7"

// openOrBuild returns the index of c: in memory when dir is empty, else
// under dir, reused when its fingerprint matches and rebuilt otherwise.
func openOrBuild(c []*corpus.Passage, m *mapping.IndexMappingImpl, th *thesaurus, pack *Pack, scoring, dir string) (bleve.Index, bool, error) {
	if dir == "" {
		// An empty path gives an in-memory scorch index; NewMemOnly would
		// build the old upsidedown index, which ignores BM25 and synonyms.
		idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, false, fmt.Errorf("create index: %w", err)
		}
		if err := fill(idx, c, th); err != nil {
			idx.Close()
			return nil, false, err
		}
		return idx, false, nil
	}
	want := fingerprint(c, pack, scoring)
	path := filepath.Join(dir, "index")
	fpFile := filepath.Join(dir, "index.fingerprint")
	if got, err := os.ReadFile(fpFile); err == nil && strings.TrimSpace(string(got)) == want {
		// Read-only takes a shared lock, so the CLI can read the index the
		// bot has open; the timeout turns a held writer lock into an error.
		idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true, "bolt_timeout": "2s"})
		if err == nil {
			return idx, true, nil
		}
		// A damaged or half-written index is rebuilt below.
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, fmt.Errorf("create index directory: %w", err)
	}
	tmp, err := os.MkdirTemp(dir, "index-build-")
	if err != nil {
		return nil, false, fmt.Errorf("create index directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	tmpPath := filepath.Join(tmp, "index")
	idx, err := bleve.NewUsing(tmpPath, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, false, fmt.Errorf("create index in %s: %w", tmp, err)
	}
	if err := fill(idx, c, th); err != nil {
		idx.Close()
		return nil, false, err
	}
	// Not force-merged into one segment: at 100k passages that added
	// 20-25 s to the build for a p99 of 26 ms instead of 30 ms.
	if err := idx.Close(); err != nil {
		return nil, false, fmt.Errorf("close new index: %w", err)
	}
	// Swap the new index in: remove the fingerprint first, so a crash in
	// between leaves a directory that is rebuilt, never a stale one reused.
	if err := os.Remove(fpFile); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, false, fmt.Errorf("remove old fingerprint: %w", err)
	}
	if err := os.RemoveAll(path); err != nil {
		return nil, false, fmt.Errorf("remove old index: %w", err)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return nil, false, fmt.Errorf("move new index into place: %w", err)
	}
	if err := os.WriteFile(fpFile, []byte(want+"\n"), 0o644); err != nil {
		return nil, false, fmt.Errorf("write fingerprint: %w", err)
	}
	idx, err = bleve.OpenUsing(path, map[string]any{"read_only": true, "bolt_timeout": "2s"})
	if err != nil {
		return nil, false, fmt.Errorf("open new index: %w", err)
	}
	return idx, false, nil
}

// fill indexes every passage and the synonym definitions, in batches.
func fill(idx bleve.Index, c []*corpus.Passage, th *thesaurus) error {
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		b.Reset()
		return nil
	}
	for i, def := range th.definitions() {
		if err := b.IndexSynonym(fmt.Sprintf("syn-%d", i), synCollection, def); err != nil {
			return fmt.Errorf("index synonym %v: %w", def.Synonyms, err)
		}
	}
	for _, p := range c {
		folded, _ := fold(blankCitations(p.Text))
		if err := b.Index(p.ID, map[string]any{
			fieldText:    folded,
			fieldHeading: foldQuery(p.Section),
			fieldAsked:   foldQuery(strings.Join(p.AskedAs, "\n")),
		}); err != nil {
			return fmt.Errorf("index passage %s: %w", p.ID, err)
		}
		if b.Size() >= batchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// fingerprint identifies what an index was built from: the passages, the
// language pack's analysis, the scoring model (eval --scoring tf-idf must
// not reuse a BM25 index) and the code that analysed them.
func fingerprint(c []*corpus.Passage, pack *Pack, scoring string) string {
	h := sha256.New()
	io.WriteString(h, schemaVersion+"\x00"+codeIdentity()+"\x00"+scoring+"\x00"+pack.Lang+"\x00"+pack.Fixed+"\x00"+pack.Stemmer+"\x00"+pack.Stop+"\x00"+fmt.Sprint(pack.Before)+"\x00"+fmt.Sprint(pack.Forms)+"\x00"+pack.Synonyms+"\x00"+strings.Join(pack.ChatStop, ",")+"\x00"+strings.Join(pack.StopWords, ",")+"\x00")
	forms := make([]string, 0, len(pack.ChatForms))
	for k, v := range pack.ChatForms {
		forms = append(forms, k+"="+v)
	}
	for k, v := range pack.ChatPhrases {
		forms = append(forms, k+"=>"+v)
	}
	slices.Sort(forms)
	io.WriteString(h, strings.Join(forms, ",")+"\x00")
	for _, p := range c {
		io.WriteString(h, p.ID+"\x00"+p.Section+"\x00"+p.Doc.Title+"\x00"+p.Text+"\x00"+strings.Join(p.AskedAs, "\n")+"\x00")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// codeIdentity names the build that analyses the passages, so an index
// written by other code is rebuilt rather than trusted: the VCS revision
// of a clean build (replicas and restarts of one release reuse the index),
// or, for a build from a modified tree or without VCS data (go run while
// developing), the executable's size and modification time.
var codeIdentity = sync.OnceValue(func() string {
	var rev string
	modified := true
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if rev != "" && !modified {
		return rev
	}
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%s+%d@%d", rev, st.Size(), st.ModTime().UnixNano())
})
