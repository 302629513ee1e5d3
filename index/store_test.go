package index

import (
	"os"
	"path/filepath"
	"testing"

	"ordinancebot/corpus"
)

func TestOnDiskIndexIsReusedUntilTheCorpusChanges(t *testing.T) {
	dir := t.TempDir()
	opts := DefaultOptions()
	opts.Dir = dir
	opts.DiskMinPassages = 0
	opts.CacheSize = 0

	first, err := NewDefault("", opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.Reused() {
		t.Fatal("a fresh directory cannot hold a reusable index")
	}
	mem := testEngine(t)
	for _, q := range []string{"can the cops ask if im undocumented", "who is the lausd superintendant", "what is the capital of france"} {
		a, _ := first.Search(q, 3, 0)
		b, _ := mem.Search(q, 3, 0)
		if a.Answered != b.Answered || len(a.Hits) != len(b.Hits) || (len(a.Hits) > 0 && a.Hits[0].Passage.ID != b.Hits[0].Passage.ID) {
			t.Errorf("%q: on disk and in memory disagree", q)
		}
	}

	// A second reader opens the same index while the first still has it
	// (the bot running while someone uses the CLI).
	second, err := NewDefault("", opts)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	if !second.Reused() {
		t.Error("unchanged corpus: the index should be reused")
	}
	second.Close()
	first.Close()

	// A changed corpus must never be answered from the old index.
	extra := t.TempDir()
	doc := "---\nid: extra\nkind: note\ntitle: Extra\npublisher: Us\ndate: 2025-01-01\nas_of: 2025-01-01\n---\nZebras graze near the river.\n"
	if err := os.WriteFile(filepath.Join(extra, "extra.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := NewDefault(extra, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if third.Reused() {
		t.Fatal("the corpus changed but the old index was reused")
	}
	if res, _ := third.Search("zebras river", 3, 0); len(res.Hits) == 0 || res.Hits[0].Passage.ID != "extra-1" {
		t.Fatalf("new passage not found: %+v", res)
	}
}

func TestDamagedOnDiskIndexIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	opts := DefaultOptions()
	opts.Dir = dir
	opts.DiskMinPassages = 0
	c, err := corpus.Default("")
	if err != nil {
		t.Fatal(err)
	}
	// A fingerprint that matches but an index that is not there.
	if err := os.WriteFile(filepath.Join(dir, "index.fingerprint"), []byte(fingerprint(c.Passages, packs[0], opts.ScoringModel)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(c, opts)
	if err != nil {
		t.Fatalf("should rebuild, got %v", err)
	}
	defer e.Close()
	if e.Reused() {
		t.Fatal("reported reuse of an index that did not exist")
	}
	if res, _ := e.Search("administrative warrant", 1, 0); !res.Answered {
		t.Fatal("rebuilt index does not answer")
	}
}

// The default corpus is kept on disk too: reopening it (~12 ms) beats
// rebuilding it (~60 ms) at every start of the bot and of "ask".
func TestSmallCorpusIsReusedFromDisk(t *testing.T) {
	dir := t.TempDir()
	opts := DefaultOptions()
	opts.Dir = dir
	first, err := NewDefault("", opts)
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	if first.Reused() {
		t.Fatal("first start reported reusing an index")
	}
	second, err := NewDefault("", opts)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if !second.Reused() {
		t.Fatal("second start rebuilt the index instead of reopening it")
	}
	if res, _ := second.Search("can the police ask about my immigration status", 3, 0); !res.Answered {
		t.Fatal("reopened index does not answer")
	}
}

// eval --scoring tf-idf must not reuse the BM25 index the bot wrote.
func TestScoringModelIsPartOfTheFingerprint(t *testing.T) {
	dir := t.TempDir()
	opts := DefaultOptions()
	opts.Dir = dir
	e, err := NewDefault("", opts)
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	opts.ScoringModel = "tf-idf"
	e, err = NewDefault("", opts)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if e.Reused() {
		t.Fatal("a tf-idf engine reused the bm25 index")
	}
}

// A DATA_DIR that cannot hold the index (here a file where the directory
// should be) costs start-up time, not answers.
func TestUnusableIndexDirFallsBackToMemory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(dir, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.Dir = dir
	e, err := NewDefault("", opts)
	if err != nil {
		t.Fatalf("engine refused to start: %v", err)
	}
	defer e.Close()
	if res, _ := e.Search("can the police ask about my immigration status", 3, 0); !res.Answered {
		t.Fatal("in-memory fallback does not answer")
	}
}
