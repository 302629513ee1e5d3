// Package index is ordinancebot's search engine: a bleve index over the
// corpus passages that turns a question into ranked, highlighted passages
// and a verdict on whether any of them answers it.
package index

import (
	"fmt"
	"log/slog"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en" // possessive_en, stop_en
	_ "github.com/blevesearch/bleve/v2/analysis/token/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	_ "github.com/blevesearch/bleve/v2/analysis/token/porter"
	_ "github.com/blevesearch/bleve/v2/analysis/token/stop"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"ordinancebot/corpus"
)

// Analyzer and field names. The fields are stored nowhere: the engine keeps
// the passages in memory and only needs term locations from bleve.
const (
	analyzerText  = "ob_en"
	analyzerExact = "ob_exact"
	fieldText     = "text"
	fieldExact    = "text_exact"
	fieldPhrase   = "text_phrase" // stemmed like text, without synonyms
	fieldHeading  = "heading"
	fieldAsked    = "asked" // the passage's "asked as" questions
	synSource     = "ob_syn"
	synCollection = "ob_thesaurus"
)

// Options tune ranking and the "nothing relevant" verdict.
type Options struct {
	// ScoringModel is "bm25" (default) or "tf-idf".
	ScoringModel string
	// MinCoverage is the share of the question's weight (IDF-weighted terms)
	// the best passage must match to count as an answer.
	MinCoverage float64
	// AnswerMatched is the IDF weight of matched question words from which
	// the best passage answers a question with no topic word, whatever its
	// coverage (fit by internal/fitrefusal with MinCoverage).
	AnswerMatched float64
	// RelativeCut drops hits scoring below this fraction of the best one.
	RelativeCut float64
	// UnknownWeight scales the coverage weight of a question word the
	// corpus has never seen, relative to the IDF of a word no passage has.
	UnknownWeight float64
	// CacheSize is how many recent answers to keep (0: no cache).
	CacheSize int
	// MaxQuestionRunes bounds the question before analysis.
	MaxQuestionRunes int
	// Dir, when set, keeps the index on disk there and reuses it across
	// restarts while the corpus, synonyms and mapping are unchanged. Empty
	// builds it in memory.
	Dir string
	// DiskMinPassages: below this many passages the index is built in
	// memory even when Dir is set. Reopening beats rebuilding at every
	// size (the default corpus: ~12 ms against ~60 ms, README
	// "Performance"), so the default is 0.
	DiskMinPassages int
}

// DefaultOptions are the measured defaults (see README, "Search quality").
func DefaultOptions() Options {
	return Options{ScoringModel: "bm25", MinCoverage: 0.6, AnswerMatched: 6.5, RelativeCut: 0.1, UnknownWeight: 1, CacheSize: 1024, MaxQuestionRunes: 300}
}

// langEngine answers questions in one language from the passages written
// in it: one bleve index with the language pack's analysis. It is
// immutable once built and safe for concurrent use.
type langEngine struct {
	// headingDF and askedDF count the passages using each term of the
	// heading and "asked as" fields, as df does for the text: a question
	// word a field lacks, with its synonyms, is not searched there (liveIn).
	headingDF, askedDF map[string]int
	// years caches, per passage id, the earliest and latest years its
	// text names; latestYear is the latest the text names at all ("is it
	// still…" questions want the passages about where things stand), and
	// mainYear the year most passages name (a question about what there
	// was before wants an earlier one): recency.go.
	years      sync.Map
	latestYear int
	mainYear   int
	// held caches, per passage id, what its text holds: kinds of answer,
	// offices' holders, numbers (answertype.go).
	held sync.Map
	// names are the people the corpus names after a title (corpusNames).
	names     []string
	namesOnce sync.Once
	// bm25 are the collection statistics BM25 scores with (nil with
	// another scoring model): see bm25Stats.
	bm25 *search.BM25Stats
	// candidates is narrow's largeCandidates (0: narrow is off); a test
	// scales it to its corpus.
	candidates int
	pack       *Pack
	corpus     *corpus.Corpus
	passages   []*corpus.Passage // the ones in this language
	kinds      map[string]bool   // their documents' kinds
	// preface are the passages a sectioned document has before its first
	// heading: what the document says of itself ("this summary is current
	// as of July 3, 2026"), not of the ordinance.
	preface    map[string]bool
	idx        bleve.Index
	opts       Options
	text       analysis.Analyzer
	exact      analysis.Analyzer
	th         *thesaurus
	df         map[string]int // analyzed term → number of passages containing it
	n          int
	vocabByLen *byLen // terms of length ≥ 4, for typo candidates
	// surface are the corpus's words as written (lowercased, unstemmed),
	// with their passage counts, for correcting typos in questions.
	surface      map[string]bool
	surfaceByLen *byLen // words as written, for typo correction
	surfaceDF    map[string]int
	// tallies are the vote counts the passages write ("13-0"), as
	// tallyKey has them, and voteTerms the analysis of Pack.Tally: read
	// on the first question that types a count, not at start-up.
	talliesOnce sync.Once
	tallies     map[string]bool
	voteTerms   map[string]bool
	// topic holds the analyzed topic words of the pack, one token
	// sequence each.
	topic [][]string
	// offscope holds the analyzed off-scope words (offscope.txt).
	offscope [][]string
	// offscopeLen are the lengths of the single off-scope words as
	// written, per term (formOfOffScope).
	offscopeLen map[string][]int
	// places are its other places (placesSection), the entries that stay
	// off-scope even where the corpus names them (placeOutOfContext).
	places [][]string
	// home is the corpus's own city, analyzed (homePlace).
	home []string
	chat *phraseSet // the pack's chat phrases
	// listed are the terms of both lists: real words, never typos to
	// correct ("center" of "detention center" is not "enter").
	listed map[string]bool
	// offscopeTerms are the terms of the off-scope list alone, and
	// placeFirst the first terms of its other places (withoutOrigins).
	offscopeTerms, placeFirst map[string]bool
	// others are the engine's other languages (set once all are built).
	others []*langEngine
	// relatedDF counts, per term, the passages of related sections (other
	// laws and policies) that use it.
	relatedDF map[string]int
	// phrases caches, per phrase of the topic and off-scope lists a
	// question used, the passages that have it (phraseIn).
	phrases sync.Map
	// askedTerms are the passages' "asked as" questions, analyzed when a
	// question about to be refused first needs them (askedLike): per
	// passage, so a batch of questions pays for the few passages it
	// compares, not for every passage's at the first refusal.
	askedTerms sync.Map // passage id → []analyzed
	// askedOnly counts, per term only "asked as" questions use, the
	// passages whose questions use it.
	askedOnly map[string]int
	suggest   []suggestion
	// unknownWeight is the coverage weight of a word the corpus lacks.
	unknownWeight float64
	reused        bool // an on-disk index was reused, not rebuilt
}

// memoryFallbackMax is the largest corpus built in memory when its index
// directory cannot be used (10k passages: ~150 MB, a few seconds); a
// larger one fails with the directory's error.
const memoryFallbackMax = 10000

// newLangEngine indexes the passages of c written in pack's language.
func newLangEngine(c *corpus.Corpus, pack *Pack, opts Options) (*langEngine, error) {
	m, err := buildMapping(opts.ScoringModel, pack)
	if err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	e := &langEngine{pack: pack, corpus: c, opts: opts, df: map[string]int{}, surface: map[string]bool{}, surfaceByLen: newByLen(), vocabByLen: newByLen(), headingDF: map[string]int{}, askedDF: map[string]int{}, surfaceDF: map[string]int{}, askedOnly: map[string]int{}, relatedDF: map[string]int{}}
	e.kinds = map[string]bool{}
	for _, p := range c.Passages {
		if p.Doc.Language() == pack.Lang {
			e.passages = append(e.passages, p)
			e.kinds[p.Doc.Kind] = true
		}
	}
	e.preface = prefaces(e.passages)
	if e.text, err = analyzerNamed(m, analyzerText); err != nil {
		return nil, err
	}
	if e.exact, err = analyzerNamed(m, analyzerExact); err != nil {
		return nil, err
	}
	if e.th, err = parseSynonyms(pack.Synonyms, e.phraseTerms); err != nil {
		return nil, fmt.Errorf("load %s synonyms: %w", pack.Lang, err)
	}
	e.topic = parseTopic(pack.Topic, e.phraseTerms, e.th.gapped)
	e.offscope = parseTopic(linesFor(offScopeFile, pack.Lang), e.phraseTerms, e.th.gapped)
	e.offscopeLen = entryLengths(linesFor(offScopeFile, pack.Lang), e.phraseTerms)
	e.places = parseTopic(linesFor(sectionLines(offScopeFile, placesSection), pack.Lang), e.phraseTerms, e.th.gapped)
	e.home = e.phraseTerms(foldQuery(homePlace))
	e.chat = newPhraseSet(pack.ChatPhrases)
	e.listed, e.offscopeTerms, e.placeFirst = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, entry := range e.topic {
		for _, t := range entry {
			e.listed[t] = true
		}
	}
	for _, entry := range e.offscope {
		for _, t := range entry {
			e.listed[t], e.offscopeTerms[t] = true, true
		}
	}
	for _, entry := range e.places {
		if len(entry) > 0 {
			e.placeFirst[entry[0]] = true
		}
	}
	dir := opts.Dir
	if len(e.passages) < opts.DiskMinPassages {
		dir = ""
	} else if dir != "" && pack.Lang != "en" {
		dir = filepath.Join(dir, pack.Lang) // English keeps the directory it always had
	}
	idx, reused, err := openOrBuild(e.passages, m, e.th, pack, opts.ScoringModel, dir)
	if err != nil && dir != "" && len(e.passages) < memoryFallbackMax {
		// The index on disk only saves start-up time: a directory that
		// cannot be written (read-only DATA_DIR, a full disk) must not stop
		// a corpus that fits in memory from being answered.
		slog.Warn("index directory not usable, building the index in memory", "lang", pack.Lang, "dir", dir, "err", err)
		idx, reused, err = openOrBuild(e.passages, m, e.th, pack, opts.ScoringModel, "")
	}
	if err != nil {
		return nil, err
	}
	e.idx = idx
	e.reused = reused
	if err := e.loadTermStats(); err != nil {
		idx.Close()
		return nil, err
	}
	e.n = len(e.passages)
	if opts.ScoringModel == "bm25" && e.n > 0 {
		if e.bm25, err = bm25Stats(idx, e.n, pack.BM25Scale); err != nil {
			idx.Close()
			return nil, err
		}
	}
	e.candidates = largeCandidates
	e.unknownWeight = e.idf("") * opts.UnknownWeight

	var headings []string
	for _, p := range e.passages {
		if p.Section != "" && !corpus.IsSourcesHeading(p.Section) {
			headings = append(headings, p.Doc.Label+": "+p.Section)
		}
	}
	e.suggest = buildSuggestions(pack.Suggestions, headings)
	return e, nil
}

// bm25Stats are the collection statistics every search scores with. By
// default bleve takes them from the index, which counts each synonym
// definition as a document: every term's IDF and the average passage
// length then moved whenever a synonym group was added, and with them the
// ranking of questions that group had nothing to do with (one group of
// made-up words moved a question of questions-es-check2). Here the count is
// scale × passages, fixed per language: the scale the ranking weights were
// fit at (English 76 passages and 303 documents, Spanish 73 and 190), and
// the fields' lengths are the passages' own (definitions have none).
// Scoring with the passages' true count was tried (scale 1) and ranked
// worse on every set tuned at the old scale (README, "Search quality").
func bm25Stats(idx bleve.Index, passages int, scale float64) (*search.BM25Stats, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read index statistics: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read index statistics: %w", err)
	}
	defer r.Close()
	br, ok := r.(bleveindex.BM25Reader)
	if !ok {
		return nil, nil // no field lengths: bleve's own statistics
	}
	st := &search.BM25Stats{DocCount: max(scale, 1) * float64(passages), FieldCardinality: map[string]int{}}
	for _, f := range []string{fieldText, fieldExact, fieldPhrase, fieldHeading, fieldAsked} {
		n, err := br.FieldCardinality(f)
		if err != nil {
			return nil, fmt.Errorf("read %s statistics: %w", f, err)
		}
		st.FieldCardinality[f] = n
	}
	return st, nil
}

// searchRequest is a bleve request scored with the engine's statistics.
func (e *langEngine) searchRequest(q query.Query, size int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	if e.bm25 != nil {
		req.PreSearchData = map[string]any{search.BM25PreSearchDataKey: e.bm25}
	}
	return req
}

// Close releases the index.
func (e *langEngine) Close() error {
	if err := e.idx.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return nil
}

// eachTerm calls fn with every term of a field's dictionary and the
// number of passages using it.
func eachTerm(idx bleve.Index, field string, fn func(term string, n int)) error {
	dict, err := idx.FieldDict(field)
	if err != nil {
		return fmt.Errorf("read %s dictionary: %w", field, err)
	}
	defer dict.Close()
	for {
		de, err := dict.Next()
		if err != nil {
			return fmt.Errorf("read %s dictionary: %w", field, err)
		}
		if de == nil {
			return nil
		}
		fn(de.Term, int(de.Count))
	}
}

// loadTermStats reads each term's passage count from the index dictionary
// (so a reopened index needs no re-analysis), and the vocabulary that typo
// candidates are drawn from.
func (e *langEngine) loadTermStats() error {
	mainDF := 0
	err := eachTerm(e.idx, fieldText, func(t string, n int) {
		e.df[t] = n
		if len(t) >= minTypoLen-1 {
			e.vocabByLen.add(t)
		}
		if y := yearOf(t); y > 0 {
			e.latestYear = max(e.latestYear, y)
			if n > mainDF || n == mainDF && y > e.mainYear {
				e.mainYear, mainDF = y, n
			}
		}
	})
	if err != nil {
		return err
	}
	for field, df := range map[string]map[string]int{fieldHeading: e.headingDF, fieldAsked: e.askedDF} {
		if err := eachTerm(e.idx, field, func(t string, n int) { df[t] = n }); err != nil {
			return err
		}
	}
	err = eachTerm(e.idx, fieldExact, func(w string, n int) {
		e.surface[w] = true
		e.surfaceDF[w] = n
	})
	if err != nil {
		return err
	}
	// Words only the "asked as" questions use are known words too: their
	// passages answer them. They count once per passage, like the text's:
	// the asked field's dictionary has those counts already.
	for t, n := range e.askedDF {
		if e.df[t] == 0 {
			e.askedOnly[t] = n
		}
	}
	for t, n := range e.askedOnly {
		e.df[t] = n
	}
	for _, p := range e.passages {
		for _, a := range p.AskedAs {
			for _, w := range findWords(strings.ToLower(foldQuery(a))) {
				e.surface[w] = true
			}
		}
	}
	for _, p := range e.passages {
		if !p.Related {
			continue
		}
		seen := map[string]bool{}
		for _, t := range e.text.Analyze([]byte(strings.ToLower(foldQuery(blankCitations(p.Text))))) {
			if !seen[string(t.Term)] {
				seen[string(t.Term)] = true
				e.relatedDF[string(t.Term)]++
			}
		}
	}
	words := make([]string, 0, len(e.surface))
	for w := range e.surface {
		words = append(words, w)
	}
	for _, w := range e.th.words {
		if !e.surface[w] {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	words = slices.Compact(words)
	words = slices.DeleteFunc(words, func(w string) bool { return len(w) < minSurfaceTypo-1 || len(w) >= 31 })
	for _, w := range words {
		e.surfaceByLen.add(w)
	}
	return nil
}

// prefaces finds the passages before the first heading of documents that
// have headings.
func prefaces(ps []*corpus.Passage) map[string]bool {
	sectioned := map[*corpus.Document]bool{}
	for _, p := range ps {
		if p.Section != "" {
			sectioned[p.Doc] = true
		}
	}
	out := map[string]bool{}
	for _, p := range ps {
		if p.Section == "" && sectioned[p.Doc] {
			out[p.ID] = true
		}
	}
	return out
}

func buildMapping(model string, pack *Pack) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = model
	tokens := make([]any, len(pack.ChatStop))
	for i, w := range pack.ChatStop {
		tokens[i] = w
	}
	if err := m.AddCustomTokenMap("chat_words", map[string]any{"type": "custom", "tokens": tokens}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter("stop_chat", map[string]any{"type": "stop_tokens", "stop_token_map": "chat_words"}); err != nil {
		return nil, err
	}
	if pack.StopWords != nil {
		// The pack's stop list, folded like the text ("qué" → "que").
		stop := make([]any, len(pack.StopWords))
		for i, w := range pack.StopWords {
			stop[i] = w
		}
		if err := m.AddCustomTokenMap("lang_stop_words", map[string]any{"type": "custom", "tokens": stop}); err != nil {
			return nil, err
		}
		if err := m.AddCustomTokenFilter("stop_lang", map[string]any{"type": "stop_tokens", "stop_token_map": "lang_stop_words"}); err != nil {
			return nil, err
		}
	}
	text := append(append(append(append([]any{}, pack.Before...), "to_lower"), pack.Forms...), pack.Stop, "stop_chat", pack.Fixed, pack.Stemmer)
	if err := m.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": text,
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{"to_lower", pack.Stop, "stop_chat"},
	}); err != nil {
		return nil, err
	}
	// The definitions are analyzed already (parseSynonyms), so bleve must
	// take them as they are: with the text analyzer it stemmed them a
	// second time, and a stem that stems again ("alcaldes" → "alcald",
	// "campu", "cooper" → "coop") or is a stop word ("on") silently lost
	// its group.
	if err := m.AddSynonymSource(synSource, map[string]any{"collection": synCollection, "analyzer": keyword.Name}); err != nil {
		return nil, err
	}
	textField := bleve.NewTextFieldMapping()
	textField.Analyzer = analyzerText
	textField.Store = false
	textField.SynonymSource = synSource // must be the property's first mapping
	// Phrases are searched on a copy of the text without the synonym
	// source: bleve expands every word of a phrase through the thesaurus,
	// which made phrase searchers most of a question's cost.
	phrase := bleve.NewTextFieldMapping()
	phrase.Name = fieldPhrase
	phrase.Analyzer = analyzerText
	phrase.Store = false
	phrase.IncludeInAll = false
	exact := bleve.NewTextFieldMapping()
	exact.Name = fieldExact
	exact.Analyzer = analyzerExact
	exact.Store = false
	heading := bleve.NewTextFieldMapping()
	heading.Analyzer = analyzerText
	heading.Store = false
	heading.SynonymSource = synSource

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, textField, exact, phrase)
	dm.AddFieldMappingsAt(fieldHeading, heading)
	asked := bleve.NewTextFieldMapping()
	asked.Analyzer = analyzerText
	asked.Store = false
	asked.SynonymSource = synSource
	dm.AddFieldMappingsAt(fieldAsked, asked)
	m.DefaultMapping = dm
	m.DefaultAnalyzer = analyzerText
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

func analyzerNamed(m *mapping.IndexMappingImpl, name string) (analysis.Analyzer, error) {
	a := m.AnalyzerNamed(name)
	if a == nil {
		return nil, fmt.Errorf("analyzer %q is not registered", name)
	}
	return a, nil
}

// terms analyzes folded text into its indexed terms, in order.
func (e *langEngine) terms(s string) []string {
	var out []string
	for _, t := range e.text.Analyze([]byte(foldQuery(s))) {
		out = append(out, string(t.Term))
	}
	return out
}

// phraseTerms is terms with a "" where the analyzer dropped a word
// between two it kept, as the index's positions have it.
func (e *langEngine) phraseTerms(s string) []string {
	var out []string
	next := -1
	for _, t := range e.text.Analyze([]byte(foldQuery(s))) {
		for next >= 0 && next < t.Position {
			out = append(out, "")
			next++
		}
		out = append(out, string(t.Term))
		next = t.Position + 1
	}
	return out
}

// idf is BM25's inverse document frequency of an analyzed term.
func (e *langEngine) idf(t string) float64 {
	df := float64(e.df[t])
	return math.Log(1 + (float64(e.n)-df+0.5)/(df+0.5))
}

// blankCitations replaces "[3, 7]" markers by spaces of the same length, so
// they are never matched (a "13-0" question must not find "[13]") while
// term offsets still point into the original text.
func blankCitations(s string) string {
	spans := corpus.CitationSpans(s)
	if len(spans) == 0 {
		return s
	}
	b := []byte(s)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// truncateRunes keeps the first n runes of s.
func truncateRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	count := 0
	for i := range s {
		if count == n {
			return strings.TrimSpace(s[:i])
		}
		count++
	}
	return s
}
