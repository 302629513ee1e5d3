package index

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"ordinancebot/corpus"
)

// Why a search has no answer.
const (
	ReasonEmpty      = "empty"      // nothing searchable in the question
	ReasonNoMatch    = "no_match"   // no passage shares a word with it
	ReasonIrrelevant = "irrelevant" // the best passage covers too little of it
	ReasonNoMore     = "no_more"    // an offset past the last hit
	maxHits          = 20           // hits considered per question
	largeCorpus      = 5000         // passages; from here on, questions use commonTermsQuery
	rareFraction     = 0.02         // words in at most this share of passages are "rare"
	maxTypoTerms     = 4            // typo candidates per unknown word
	minTypoLen       = 5            // shorter words get no typo tolerance
	phraseBoost      = 0.6          // per adjacent word pair
	expansionBoost   = 0.5          // multi-word synonyms
	typoBoost        = 0.5          // divided by the edit distance
	headingBoost     = 0.2          // section headings
	exactBoost       = 0.3          // the user's exact word forms
	titleBoost       = 0.05         // document titles: a tie-breaker
	askedBoost       = 0.7          // a word of the passage's "asked as" questions
	relatedPrior     = 0.7          // other laws' passages, unless the question names one
	synonymCredit    = 0.8          // coverage credit for a synonym match
	typoCredit       = 0.6          // coverage credit for a typo candidate
	coverageExponent = 1.0          // weight of coverage in the final rank
)

// Span is a matched byte range [Start, End) of a passage's text.
type Span struct {
	Start, End int
}

// Hit is one ranked passage.
type Hit struct {
	Rank    int
	Passage *corpus.Passage
	Score   float64
	// Spans are the matched words, merged and sorted.
	Spans []Span
}

// Highlighted returns the passage text with every matched span wrapped in
// before/after (e.g. "**").
func (h Hit) Highlighted(before, after string) string {
	return Mark(h.Passage.Text, h.Spans, before, after, nil)
}

// Mark wraps spans of text in before/after, passing the rest through esc
// (nil for none). Spans must be sorted and non-overlapping.
func Mark(text string, spans []Span, before, after string, esc func(string) string) string {
	if esc == nil {
		esc = func(s string) string { return s }
	}
	var b strings.Builder
	cur := 0
	for _, s := range spans {
		if s.Start < cur || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(esc(text[cur:s.Start]))
		b.WriteString(before)
		b.WriteString(esc(text[s.Start:s.End]))
		b.WriteString(after)
		cur = s.End
	}
	b.WriteString(esc(text[cur:]))
	return b.String()
}

// Result is the answer to one question.
type Result struct {
	Question string
	// Lang is the language the question was taken to be in ("en", "es").
	Lang string
	// Answered is false when nothing is relevant enough; Hits is then empty.
	Answered bool
	Reason   string
	// Coverage is the share of the question the best passage matched.
	Coverage float64
	// Evidence is what the best passage matched of the question, the
	// features the "nothing relevant" verdict is decided on.
	Evidence Evidence
	Hits     []Hit
	// Total is how many passages matched before cutting.
	Total int
}

// Evidence measures how much a question is about the passage it found:
// words the corpus does not know count neither for nor against it.
type Evidence struct {
	// Matched is the IDF weight of the question words the passage matched
	// (synonyms and typo candidates at partial credit).
	Matched float64
	// Strongest is the weight of the single strongest matched word.
	Strongest float64
	// Terms is how many distinct question words it matched.
	Terms int
	// BM25 is the passage's raw bleve score.
	BM25 float64
	// OnTopic is whether the question uses a topic word (topic-en.txt) and
	// no off-scope word (offscope.txt).
	OnTopic bool
}

// relevant is the verdict: a question that uses a topic word is answered
// whatever else it says; one without must be mostly the corpus's words.
// The thresholds are fit by internal/fitrefusal.
func (e *langEngine) relevant(ev Evidence, coverage float64) bool {
	if ev.Matched < e.opts.MinMatched {
		return false
	}
	if ev.OnTopic {
		return true
	}
	return coverage >= e.opts.MinCoverage
}

// search answers q from this language's passages. foreign says the
// question is in another language: its words are then taken as typed, since
// to this language's vocabulary every one of them looks like a typo
// ("ordinance" is two edits from "ordenanza").
func (e *langEngine) search(q string, limit, offset int, foreign bool) (*Result, error) {
	res := &Result{Question: q}
	folded := foldQuery(q)
	if !foreign {
		folded = e.prepare(folded)
	}
	toks := e.text.Analyze([]byte(folded))
	if len(toks) == 0 {
		res.Reason = ReasonEmpty
		return res, nil
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = string(t.Term)
	}
	bq, alts := e.buildQuery(folded, toks, terms, !foreign)
	req := bleve.NewSearchRequestOptions(bq, maxHits, 0, false)
	req.IncludeLocations = true
	sr, err := e.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res.Total = len(sr.Hits)
	if len(sr.Hits) == 0 {
		res.Reason = ReasonNoMatch
		return res, nil
	}
	// Rerank by BM25 score times coverage: a short passage that repeats
	// one word of the question must not beat one that answers all of it.
	namesRelated := e.namesRelated(terms)
	ranked := make([]scoredHit, len(sr.Hits))
	for i, h := range sr.Hits {
		m := e.coverage(terms, alts, h)
		score := h.Score * math.Pow(m.coverage, coverageExponent)
		if p, ok := e.corpus.Passage(h.ID); ok && p.Related && !namesRelated {
			score *= relatedPrior
		}
		ranked[i] = scoredHit{h, m, score}
	}
	sort.SliceStable(ranked, func(a, b int) bool { return ranked[a].score > ranked[b].score })
	best := ranked[0].match
	res.Coverage = best.coverage
	res.Evidence = Evidence{Matched: best.got, Strongest: best.strongest, Terms: best.n, BM25: ranked[0].Score, OnTopic: e.onTopic(terms, alts) && !e.offScope(terms)}
	if !e.relevant(res.Evidence, res.Coverage) {
		res.Reason = ReasonIrrelevant
		return res, nil
	}
	res.Answered = true
	top := ranked[0].score
	var kept []scoredHit
	for _, h := range ranked {
		if h.score >= top*e.opts.RelativeCut {
			kept = append(kept, h)
		}
	}
	if offset >= len(kept) {
		res.Reason = ReasonNoMore
		return res, nil
	}
	end := min(offset+limit, len(kept))
	for i, h := range kept[offset:end] {
		p, ok := e.corpus.Passage(h.ID)
		if !ok {
			return nil, fmt.Errorf("index has passage %q, which the corpus lacks", h.ID)
		}
		res.Hits = append(res.Hits, Hit{Rank: offset + i + 1, Passage: p, Score: h.score, Spans: spans(p, h.Locations)})
	}
	res.Total = len(kept)
	return res, nil
}

// namesRelated reports whether the question names one of the other laws
// and policies: a topic word ("sb 54", "garcetti", "lausd", "state law")
// found mostly in related passages. Then those passages compete on equal
// terms with the ordinance's own; a common word that happens to sit in
// one ("staff", "brought") does not count.
func (e *langEngine) namesRelated(terms []string) bool {
	for _, entry := range e.topic {
		if !containsSeq(terms, entry) {
			continue
		}
		mostly := true
		for _, t := range entry {
			if n := e.relatedDF[t]; n == 0 || 2*n < e.df[t]-e.askedOnly[t] {
				mostly = false
			}
		}
		if mostly {
			return true
		}
	}
	return false
}

type scoredHit struct {
	*search.DocumentMatch
	match
	score float64
}

// match is how much of the question one hit matched.
type match struct {
	coverage  float64 // share of the question's weight
	got       float64 // matched weight, unknown words left out
	strongest float64 // weight of the strongest matched term
	n         int     // distinct question terms matched
}

// cleanQuestion bounds the question and makes it valid UTF-8 on one line.
func cleanQuestion(s string, maxRunes int) string {
	s = strings.ToValidUTF8(s, " ")
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxRunes {
		s = truncateRunes(s, maxRunes)
	}
	return s
}

// buildQuery turns analyzed question tokens into one "concept" clause per
// distinct word: the word itself (BM25, with bleve's single-word synonyms),
// the multi-word synonyms it triggers and, for a
// word the corpus does not know, typo candidates. Beside the concepts come
// the exact word forms, section headings, adjacent word pairs as phrases,
// and the titles.
// It also returns, per question term, what counts as matching it.
//
// Bleve scores a disjunction as sum × matched/total. Inside a concept only
// one alternative usually matches, so every alternative's boost is
// multiplied by their count: a word with many synonyms weighs the same as
// one with none, and the top-level factor counts matched concepts.
func (e *langEngine) buildQuery(folded string, toks analysis.TokenStream, terms []string, typos bool) (query.Query, map[string]*alternatives) {
	alts := e.synonymsOf(terms)
	var order []string
	seen := map[string]bool{}
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			order = append(order, t)
		}
	}
	type weighted struct {
		q     query.Query
		boost float64
	}
	subs := map[string][]weighted{}
	for _, t := range order {
		tq := bleve.NewTermQuery(t)
		tq.SetField(fieldText)
		subs[t] = append(subs[t], weighted{tq, 1})
		// The passage's "asked as" questions: a word people use for what
		// the passage says counts as the passage's own.
		aq := bleve.NewTermQuery(t)
		aq.SetField(fieldAsked)
		subs[t] = append(subs[t], weighted{aq, askedBoost})
		if e.df[t] > 0 && e.askedOnly[t] == 0 {
			continue
		}
		// A word the corpus never uses ("kick", "migra") has only its
		// synonyms to stand for it: search them at full weight, not at the
		// half weight bleve gives synonym expansions.
		for _, syn := range e.th.single[t] {
			if e.df[syn] > 0 {
				sq := bleve.NewTermQuery(syn)
				sq.SetField(fieldPhrase)
				subs[t] = append(subs[t], weighted{sq, 1})
			}
		}
	}
	for _, x := range e.th.expand(terms) {
		for _, entry := range minimalEntries(x.entries) {
			// Skip what is already asked ("police" → "police officers"
			// would count the word twice) or what bleve expands itself.
			if containsSeq(terms, entry) || containsSeq(entry, x.trigger) || len(entry) == 1 && len(x.trigger) == 1 {
				continue
			}
			if len(entry) > 1 && e.allCommon(entry) {
				continue // see allCommon
			}
			var qq query.Query
			if len(entry) == 1 {
				tq := bleve.NewTermQuery(entry[0])
				tq.SetField(fieldText)
				qq = tq
			} else {
				qq = bleve.NewPhraseQuery(entry, fieldPhrase)
			}
			// A multi-word trigger ("la migra") belongs to its first word.
			subs[x.trigger[0]] = append(subs[x.trigger[0]], weighted{qq, expansionBoost})
		}
	}
	for _, t := range order {
		if !typos || e.df[t] > 0 || len(t) < minTypoLen {
			continue
		}
		for _, c := range e.typoCandidates(t) {
			tq := bleve.NewTermQuery(c.term)
			tq.SetField(fieldText)
			subs[t] = append(subs[t], weighted{tq, typoBoost / float64(c.dist)})
			alts[t].typo = append(alts[t].typo, c.term)
		}
	}
	var clauses []query.Query
	for _, t := range order {
		ws := subs[t]
		qs := make([]query.Query, len(ws))
		for i, w := range ws {
			setBoost(w.q, w.boost*float64(len(ws)))
			qs[i] = w.q
		}
		clauses = append(clauses, bleve.NewDisjunctionQuery(qs...))
	}
	// The exact field sees the unstemmed words of the question.
	exact := bleve.NewMatchQuery(folded)
	exact.SetField(fieldExact)
	exact.SetBoost(exactBoost)
	title := bleve.NewMatchQuery(folded)
	title.SetField(fieldTitle)
	title.SetBoost(titleBoost)
	// Headings are one clause of their own: inside a word's clause, a
	// heading match would also lift that clause's own coordination factor
	// and double the weight of a common word like "ordinance".
	heading := bleve.NewMatchQuery(folded)
	heading.SetField(fieldHeading)
	heading.SetBoost(headingBoost)
	clauses = append(clauses, exact, title, heading)
	var phrases []query.Query
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if b.Position-a.Position > 3 || b.End <= a.Start {
			continue
		}
		if e.allCommon([]string{string(a.Term), string(b.Term)}) {
			continue
		}
		phrases = append(phrases, bleve.NewMatchPhraseQuery(folded[a.Start:b.End]))
	}
	if len(phrases) > 0 {
		for _, pq := range phrases {
			mp := pq.(*query.MatchPhraseQuery)
			mp.SetField(fieldPhrase)
			mp.SetBoost(phraseBoost * float64(len(phrases)))
		}
		clauses = append(clauses, bleve.NewDisjunctionQuery(phrases...))
	}
	dq := bleve.NewDisjunctionQuery(clauses...)
	dq.SetMin(1)
	if e.n < largeCorpus {
		return dq, alts
	}
	// The exact-form and title clauses repeat every word, common ones
	// included; on a large corpus each candidate would pay for them again.
	var kept []query.Query
	for _, c := range clauses {
		if c != exact && c != title {
			kept = append(kept, c)
		}
	}
	return e.commonTermsQuery(order, alts, kept), alts
}

// commonTermsQuery is the large-corpus shape: a passage must contain one
// of the rarer words of the question or of their synonyms and typo
// candidates (in at most 1% of passages, or the rarest there is), and
// everything else only adds to its score. A common word ("city" in half of
// 100k passages) then costs a skip along its postings to the candidates,
// not a walk through all of them. The must part looks the words up in the
// synonym-free phrase field, or bleve would expand a rare word into its
// common synonyms and walk those. Small corpora keep the plain disjunction.
func (e *langEngine) commonTermsQuery(order []string, alts map[string]*alternatives, should []query.Query) query.Query {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if !seen[w] && e.df[w] > 0 {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, t := range order {
		add(t)
		for _, w := range alts[t].syn {
			add(w)
		}
		for _, w := range alts[t].typo {
			add(w)
		}
	}
	if len(words) == 0 {
		dq := bleve.NewDisjunctionQuery(should...)
		dq.SetMin(1)
		return dq
	}
	rarest := e.df[words[0]]
	for _, w := range words {
		rarest = min(rarest, e.df[w])
	}
	limit := max(e.n/100, rarest)
	var must []query.Query
	for _, w := range words {
		if e.df[w] <= limit {
			tq := bleve.NewTermQuery(w)
			tq.SetField(fieldPhrase)
			must = append(must, tq)
		}
	}
	mq := bleve.NewDisjunctionQuery(must...)
	mq.SetMin(1)
	bq := bleve.NewBooleanQuery()
	bq.AddMust(mq)
	bq.AddShould(should...)
	return bq
}

// allCommon reports, on a large corpus, whether every word of a phrase is
// in more than 2% of passages. Such phrases are left out: bleve's phrase
// searcher walks every passage holding all the words even when it is only
// asked to advance to a candidate, which made them most of a question's
// cost at 100k passages.
func (e *langEngine) allCommon(words []string) bool {
	if e.n < largeCorpus {
		return false
	}
	for _, w := range words {
		if e.df[w] <= e.n/50 {
			return false
		}
	}
	return true
}

func setBoost(q query.Query, b float64) {
	if bq, ok := q.(query.BoostableQuery); ok {
		bq.SetBoost(b)
	}
}

type typo struct {
	term string
	dist int
}

// typoCandidates returns known terms within a small edit distance: one edit
// for words of 5 to 7 letters, two for longer ones, best first.
func (e *langEngine) typoCandidates(t string) []typo {
	maxDist := 1
	if len(t) >= 8 {
		maxDist = 2
	}
	var out []typo
	var buf [3][32]int
	for _, v := range e.vocab {
		if abs(len(v)-len(t)) > maxDist {
			continue
		}
		if d := editDistanceBuf(t, v, maxDist, &buf); d <= maxDist {
			out = append(out, typo{v, d})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		if e.df[out[i].term] != e.df[out[j].term] {
			return e.df[out[i].term] > e.df[out[j].term]
		}
		return out[i].term < out[j].term
	})
	if len(out) > maxTypoTerms {
		out = out[:maxTypoTerms]
	}
	return out
}

// coverage is the IDF-weighted share of the question's distinct terms that
// the hit matched, directly or through a synonym or typo candidate. Words
// the corpus has never seen weigh the most, so "capital of france" never
// passes on the strength of "of".
func (e *langEngine) coverage(terms []string, alts map[string]*alternatives, hit *search.DocumentMatch) match {
	matched := map[string]bool{}
	for field, tlm := range hit.Locations {
		if field == fieldExact {
			continue
		}
		for term := range tlm {
			matched[term] = true
		}
	}
	anyOf := func(list []string) bool {
		for _, a := range list {
			if matched[a] {
				return true
			}
		}
		return false
	}
	var total, got float64
	var m match
	seen := map[string]bool{}
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		a := alts[t]
		w := e.termWeight(t, a)
		total += w
		credit := 0.0
		switch {
		case matched[t]:
			credit = 1
		case anyOf(a.syn):
			credit = synonymCredit
		case anyOf(a.typo):
			credit = typoCredit
		}
		if credit > 0 {
			got += w * credit
			m.strongest = max(m.strongest, w*credit)
			m.n++
		}
	}
	if total == 0 {
		return m
	}
	m.got = got
	m.coverage = got / total
	return m
}

// alternatives are the other terms that count as matching a question term.
type alternatives struct {
	syn  []string // synonyms, from bleve's thesaurus or our own expansion
	typo []string // typo candidates for a word the corpus lacks
}

// termWeight is a question term's weight in coverage: its IDF, or for a
// word the corpus lacks, the IDF of its rarest known synonym or typo
// candidate ("aprove" weighs what "approve" weighs). A word with neither
// keeps the highest weight: it may be what the question is about, and the
// corpus does not know it.
func (e *langEngine) termWeight(t string, a *alternatives) float64 {
	if e.df[t] > 0 {
		return e.idf(t)
	}
	if len(t) == 1 {
		return 0 // a stray letter ("x", "b") says nothing either way
	}
	best := 0.0
	for _, list := range [][]string{a.syn, a.typo} {
		for _, x := range list {
			if e.df[x] > 0 {
				best = max(best, e.idf(x))
			}
		}
	}
	if best > 0 {
		return best
	}
	return e.unknownWeight
}

// spans maps term locations (byte offsets into the folded text) back to the
// original text, merging words separated only by spaces or dashes. Folding
// is redone here, for the few passages shown, rather than kept for all.
func spans(p *corpus.Passage, locs search.FieldTermLocationMap) []Span {
	folded, offsets := fold(blankCitations(p.Text))
	orig := func(i int, end bool) int {
		o := offsets[i]
		// an end inside a rune's expansion ("ß" → "ss") moves past the rune
		if end && i > 0 && offsets[i-1] == o {
			_, size := utf8.DecodeRuneInString(p.Text[o:])
			return o + size
		}
		return o
	}
	var raw []Span
	for field, tlm := range locs {
		if field != fieldText && field != fieldExact && field != fieldPhrase {
			continue
		}
		for _, ls := range tlm {
			for _, l := range ls {
				if len(l.ArrayPositions) > 0 || int(l.End) > len(folded) || l.Start >= l.End {
					continue
				}
				raw = append(raw, Span{orig(int(l.Start), false), orig(int(l.End), true)})
			}
		}
	}
	sort.Slice(raw, func(i, j int) bool {
		if raw[i].Start != raw[j].Start {
			return raw[i].Start < raw[j].Start
		}
		return raw[i].End > raw[j].End
	})
	text := p.Text
	var out []Span
	for _, s := range raw {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if s.Start < last.End {
				last.End = max(last.End, s.End)
				continue
			}
			if strings.Trim(text[last.End:s.Start], " -–—") == "" {
				last.End = s.End
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus
// swaps of neighbouring letters, the commonest typo: "sigend"), giving up
// above limit.
func editDistance(a, b string, limit int) int {
	var buf [3][32]int
	return editDistanceBuf(a, b, limit, &buf)
}

// editDistanceBuf uses buf for rows when the words are short enough, so
// scanning the vocabulary for typo candidates allocates nothing.
func editDistanceBuf(a, b string, limit int, buf *[3][32]int) int {
	var prev2, prev, cur []int
	if len(b) < len(buf[0]) {
		prev2, prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
