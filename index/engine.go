package index

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"ordinancebot/corpus"
)

// Engine answers questions from one corpus in every language it has a pack
// for: one index per language, a question searched in its own language
// first and in the others after, so a Spanish question can still be
// answered by an English passage. It is immutable once built and safe for
// concurrent use.
type Engine struct {
	corpus *corpus.Corpus
	langs  []*langEngine // in pack order: English first
	opts   Options
	cache  *resultCache
	built  time.Duration
}

// New builds the engine over c.
func New(c *corpus.Corpus, opts Options) (*Engine, error) {
	start := time.Now()
	if opts.ScoringModel == "" {
		opts.ScoringModel = "bm25"
	}
	if opts.MaxQuestionRunes <= 0 {
		opts.MaxQuestionRunes = DefaultOptions().MaxQuestionRunes
	}
	e := &Engine{corpus: c, opts: opts, langs: make([]*langEngine, len(packs))}
	// The languages' indexes share nothing: build them at once, one core
	// each (start-up is most of a short CLI run).
	errs := make([]error, len(packs))
	var wg sync.WaitGroup
	for i, p := range packs {
		wg.Go(func() {
			le, err := newLangEngine(c, p, opts)
			if err != nil {
				errs[i] = fmt.Errorf("%s index: %w", p.Lang, err)
				return
			}
			e.langs[i] = le
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		e.Close()
		return nil, err
	}
	for _, l := range e.langs {
		for _, o := range e.langs {
			if o != l {
				l.others = append(l.others, o)
			}
		}
	}
	e.cache = newResultCache(opts.CacheSize)
	e.built = time.Since(start)
	return e, nil
}

// NewDefault builds an engine over the embedded corpus plus the documents in
// extraDir (CORPUS_DIR) when it is not empty.
func NewDefault(extraDir string, opts Options) (*Engine, error) {
	c, err := corpus.Default(extraDir)
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	e, err := New(c, opts)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return e, nil
}

// Close releases the indexes.
func (e *Engine) Close() error {
	var errs []error
	for _, l := range e.langs {
		if l != nil { // a failed build leaves its slot empty
			errs = append(errs, l.Close())
		}
	}
	return errors.Join(errs...)
}

// Corpus is the corpus the engine answers from.
func (e *Engine) Corpus() *corpus.Corpus { return e.corpus }

// BuildTime is how long New took.
func (e *Engine) BuildTime() time.Duration { return e.built }

// Reused reports whether New reopened an on-disk index instead of building
// (for the English passages, the bulk of any corpus today).
func (e *Engine) Reused() bool { return e.langs[0].reused }

func (e *Engine) lang(l string) *langEngine {
	for _, x := range e.langs {
		if x.pack.Lang == l {
			return x
		}
	}
	return e.langs[0]
}

// Search answers a question in the language detected from its text.
// The Result may be shared with other callers: do not modify it.
func (e *Engine) Search(question string, limit, offset int) (*Result, error) {
	return e.SearchLang(question, "auto", "", limit, offset)
}

// SearchLang answers a question with up to limit hits starting at offset.
// lang is "auto" (detect it from the text, with hint, e.g. a Discord
// locale like "es-419", deciding an unclear case), or a language to take
// the question as. User text is never parsed as query syntax.
func (e *Engine) SearchLang(question, lang, hint string, limit, offset int) (*Result, error) {
	if limit <= 0 {
		limit = 3
	}
	if offset < 0 {
		offset = 0
	}
	q := cleanQuestion(question, e.opts.MaxQuestionRunes)
	if lang == "" || lang == "auto" || PackFor(lang) == nil {
		lang = DetectLang(q, hint)
	}
	key := cacheKey{q, lang, limit, offset}
	if r, ok := e.cache.get(key); ok {
		return r, nil
	}
	res, err := e.search(q, lang, limit, offset)
	if err == nil && !res.Answered && res.Reason == ReasonIrrelevant {
		res, err = e.askedSentence(q, lang, limit, offset, res)
	}
	if err == nil {
		e.cache.put(key, res)
	}
	return res, err
}

// askedSentence answers a long message refused as a whole by its
// questions, when they alone are answered on a topic word: "mi tia
// ... tiene q ir a una oficina de la ciudad pa un permiso ... los empleados
// de la ciudad le pueden preguntar por su situacion migratoria?" is refused
// for its story's words (a place to go, an errand) and answered by its
// question. Anything else keeps the whole message's refusal.
func (e *Engine) askedSentence(q, lang string, limit, offset int, whole *Result) (*Result, error) {
	// What the story itself says stays a reason to refuse unless the
	// question alone is mostly the corpus's words (below): a place ("my
	// landlord in long beach ..."), a matter the documents do not cover,
	// an earlier question ("y el condado de orange? ..."). Asking what to
	// do is read in the question alone, as a story tells what someone has
	// to do ("tiene q ir a una oficina").
	ev := whole.Evidence
	if ev.Chat || ev.AboutBot || ev.Prediction {
		return whole, nil
	}
	s, story := askedPart(q)
	if s == "" {
		return whole, nil
	}
	// A demand in the story is the message's point, not background ("...?
	// just give me your own opinion, no sources").
	l := e.lang(lang)
	typed, prepared := l.rewrite(foldQuery(story))
	if hasCue(cueWordsOf(prepared, typed), l.pack.Demands) {
		return whole, nil
	}
	res, err := e.search(s, lang, limit, offset)
	if err != nil {
		return nil, err
	}
	// The question alone must be answered, and on a topic word when the
	// story names another matter; with none named, a question answered on
	// its own words ("quien es la city attorney que hablo del fallo del
	// juez? necesito el nombre completo pa mi ensayo") is not refused for
	// the story's.
	if !res.Answered || !res.Evidence.OnTopic && (ev.OffScope || res.Coverage < askedAloneCoverage) {
		return whole, nil
	}
	// A matter the story names (a parking permit, DACA) is background
	// only when the question alone is mostly the corpus's words, as any
	// question with an off-scope word must be (OffScopeCoverage): "r city
	// workers even allowed to ask if im undocumented" after a story about
	// renewing a parking permit, not "what are my legal rights and can i
	// sue him" after one about a landlord. Another place the story names
	// is where the question is asked about ("I live in Long Beach ... can
	// city workers here ask"), however well the question alone matches.
	if ev.OffScope && !ev.Advice && (res.Coverage < OffScopeCoverage || l.namesPlace(story)) {
		return whole, nil
	}
	res.Question = q
	return res, nil
}

// askedAloneCoverage is the coverage a story's question needs, alone, when
// it has no topic word: half its weight in the corpus's words. Over the
// check sets it answered a Spanish question refused for its story and no
// off-topic one; with no floor (the question's own verdict only) one more
// was answered, and so was a story about a rent increase ("cuanto me
// pueden subir legalmente en Los Angeles?").
const askedAloneCoverage = 0.5

// minAskedWords is the fewest words the questions and the story around
// them each need: "y eso?" after a story is the story's question.
const minAskedWords = 4

// askedPart returns the questions of a message that also tells a story,
// as one text: its sentences ending in a question mark, when they follow
// one another, and the sentences around them say something of their own
// ("necesito el nombre completo pa mi ensayo"), and that story. "", ""
// otherwise.
func askedPart(q string) (asked, story string) {
	var qs, told []string
	last := -1
	for i, s := range sentences(q) {
		if strings.HasSuffix(s, "?") || asksAtStart(s) {
			if last >= 0 && last != i-1 {
				return "", ""
			}
			last = i
			qs = append(qs, strings.TrimLeft(s, "¿¡ "))
		} else {
			told = append(told, s)
		}
	}
	asked, story = strings.Join(qs, " "), strings.Join(told, " ")
	if len(strings.Fields(asked)) < minAskedWords || len(strings.Fields(story)) < minAskedWords {
		return "", ""
	}
	return asked, story
}

// questionWords open a question, in English or Spanish, whether or not a
// question mark ends it ("... will he get deported?? what should he do").
var questionWords = setOf([]string{"what", "how", "who", "whom", "whose", "when", "where", "why", "which",
	"can", "could", "should", "would", "will", "is", "are", "do", "does", "did", "was", "were",
	"que", "como", "quien", "quienes", "cuando", "donde", "cual", "cuales", "cuanto", "cuantos", "cuanta", "cuantas",
	// and as typed in chat ("q hago si tocan la puerta")
	"whats", "wat", "wut", "hows", "whos", "wheres", "r", "q", "k", "ke", "xq", "pq", "porque"})

// asksAtStart reports whether sentence s opens with a question word.
func asksAtStart(s string) bool {
	w := findWords(strings.ToLower(foldQuery(s)))
	return len(w) > 0 && questionWords[w[0]]
}

// sentences splits q at newlines and at . ! ? before a space: "L.A." and
// "Nov. 19" do not end a sentence. Runs of marks ("??", "?!") stay with
// their sentence.
func sentences(q string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	start := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c == '\n' {
			add(q[start:i])
			start = i + 1
			continue
		}
		if strings.IndexByte(".!?", c) >= 0 && (i+1 == len(q) || q[i+1] == ' ' || q[i+1] == '\n') {
			add(q[start : i+1])
			start = i + 1
		}
	}
	add(q[start:])
	return out
}

// crossLangMargin is how much more evidence another language's passages
// must have, with a topic word the question's own language did not find,
// to come before those in the question's own language: mixed questions
// ("can la migra entrar a mi casa") go either way, but a word shared by both
// languages ("ice", "188441") must not pull a Spanish question to English
// passages.
const crossLangMargin = 2

func (e *Engine) search(q, lang string, limit, offset int) (*Result, error) {
	primary := e.lang(lang)
	first, err := primary.search(q, maxHits, 0, false, false)
	if err != nil {
		return nil, err
	}
	if first.Reason == ReasonChat && e.topicElsewhere(q, primary) {
		if first, err = primary.search(q, maxHits, 0, false, true); err != nil {
			return nil, err
		}
	}
	results := []*Result{first}
	// Another language can only lead when this one found no topic word, and
	// only add hits when this one has too few for the page: otherwise it is
	// not searched at all (it would double the question's cost).
	enough := first.Answered && first.Evidence.OnTopic && len(first.Hits) >= offset+limit
	// With more hits than the page needs, the next page is known to exist
	// without the other language, whose hits would only come after these.
	beyondPage := enough && len(first.Hits) > offset+limit
	// A question about another matter, or about the bot, in its own
	// language is not answered from another's passages on the words they
	// happen to share ("are you a bot": "you" and "are" are in the Spanish
	// summary's English quotes).
	settled := !first.Answered && (first.Evidence.OffScope || first.Evidence.AboutBot || first.Evidence.Chat || first.Evidence.Prediction)
	for _, l := range e.langs {
		// A language with kinds of documents the question's lacks (the
		// article is English only) is searched unless it cannot change
		// the page.
		if l == primary || l.n == 0 || beyondPage || settled || !l.hasKindsBeyond(primary) && (enough || !l.knowsMore(q, primary)) {
			continue
		}
		r, err := l.search(q, maxHits, 0, true, false)
		if err != nil {
			return nil, err
		}
		if r.Answered && (!first.Answered || r.Evidence.OnTopic && !first.Evidence.OnTopic && r.Evidence.Matched > crossLangMargin*first.Evidence.Matched) {
			results = append([]*Result{r}, results...)
		} else {
			results = append(results, r)
		}
	}
	lead := results[0]
	res := &Result{Question: q, Lang: lang, Answered: lead.Answered, Reason: lead.Reason, Coverage: lead.Coverage, Evidence: lead.Evidence}
	if !res.Answered {
		return res, nil
	}
	var hits []Hit
	for _, r := range results {
		if r.Answered {
			hits = append(hits, r.Hits...)
		}
	}
	res.Total = len(hits)
	if offset >= len(hits) {
		res.Reason = ReasonNoMore
		return res, nil
	}
	for i, h := range hits[offset:min(offset+limit, len(hits))] {
		h.Rank = offset + i + 1
		h.Spans, h.locs = spans(h.Passage, h.locs), nil
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// topicElsewhere reports whether another language than primary finds a
// topic word in q, as typed.
func (e *Engine) topicElsewhere(q string, primary *langEngine) bool {
	for _, l := range e.langs {
		if l != primary && l.n > 0 && l.namesTopic(q) {
			return true
		}
	}
	return false
}

// hasKindsBeyond reports whether this language has a kind of document
// (front matter "kind") that other has none of.
func (l *langEngine) hasKindsBeyond(other *langEngine) bool {
	for k := range l.kinds {
		if !other.kinds[k] {
			return true
		}
	}
	return false
}

// knowsMore reports whether some word of q is one this language's passages
// use and other's do not: otherwise searching it cannot find anything
// other's search missed, and costs as much again.
func (l *langEngine) knowsMore(q string, other *langEngine) bool {
	for _, w := range findWords(strings.ToLower(foldQuery(q))) {
		if l.surface[w] && !other.surface[w] {
			return true
		}
	}
	return false
}

// Similar scores how much two questions ask the same thing, from 0 to 1, in
// the language of the first (see langEngine.Similar).
func (e *Engine) Similar(a, b string) float64 {
	return e.lang(DetectLang(a, "")).Similar(a, b)
}

// Suggest returns up to n autocomplete questions for what the user typed,
// in the language of the text (English when unclear).
func (e *Engine) Suggest(typed string, n int) []string {
	return e.SuggestLang(typed, "", n)
}

// SuggestLang is Suggest with a locale hint ("es-419") for text too short
// to tell its language.
func (e *Engine) SuggestLang(typed, hint string, n int) []string {
	return e.lang(DetectLang(typed, hint)).Suggest(typed, n)
}

// Comparer analyses a question once and returns how much each other
// question asks the same thing (Similar), for comparing one question with
// many: a server's unanswered queue.
func (e *Engine) Comparer(question string) func(other string) float64 {
	l := e.lang(DetectLang(question, ""))
	qa := l.questionTerms(question)
	return func(other string) float64 { return l.similarAnalyzed(qa, l.questionTerms(other)) }
}
