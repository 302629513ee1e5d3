package index

import (
	"log/slog"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"ordinancebot/corpus"
)

// relevant is the verdict: a question that uses a topic word is answered
// whatever else it says; one without must be mostly the corpus's words, or
// match much of their weight (distinctive words such as dates and names:
// "the article says november but i'm seeing december"). The thresholds are
// fit by internal/fitrefusal.
//
// A question in another language (foreign) is not answered on matched
// weight: its words that happen to be this language's are not evidence.
// Nor does it get this language's lower coverage (Spanish questions have
// more small words than English ones for the same content; an English
// question in the Spanish index has not).
func (e *langEngine) relevant(ev Evidence, coverage float64, foreign bool) bool {
	minCov := e.opts.MinCoverage + e.pack.CoverageOffset
	if foreign {
		minCov = max(minCov, e.opts.MinCoverage)
	}
	// Asking what to do is not answered by the documents however many of
	// their words it uses ("how do i apply for a job with the city" covers
	// itself whole); only a long story around it may be (offScopeMatched).
	if ev.Advice && !(ev.Matched >= offScopeMatched && coverage >= offScopeMatchedCoverage) {
		return false
	}
	if ev.OffScope {
		minCov = max(minCov, OffScopeCoverage)
		if !foreign && ev.Matched >= offScopeMatched && coverage >= offScopeMatchedCoverage {
			return true
		}
	}
	if ev.FollowUp && !ev.OffScope && coverage >= followUpCoverage {
		return true
	}
	return ev.OnTopic || coverage >= minCov ||
		e.pack.MatchedAnswers && !foreign && !ev.OffScope && ev.Matched >= e.opts.AnswerMatched+e.pack.MatchedOffset && coverage >= matchedMinCoverage
}

// followUpCoverage is the coverage a follow-up needs (Pack.FollowUps):
// "so whats the deadline for them to refile" has few words of its own,
// and what "them" stands for is the thread's subject, in this server our
// documents. Over the check sets, from 0.1 to 0.25 the English wrong
// refusals went 11 -> 6 and the Spanish 3 -> 2, with no off-topic question
// more answered (the off-scope, chat and prediction rules still refuse
// "is it gonna rain this weekend"); 0.3 kept one refusal, 0.4 three.
const followUpCoverage = 0.25

// matchedMinCoverage is the least coverage a question answered on its
// matched weight alone needs: a long message about something else ("i just
// moved to silver lake ... what day trash goes out ... who do i call")
// matches many of the corpus's common words (city, work, call, day) and
// little of itself. Below 0.15 the check sets hold off-topic questions
// only (1,431 English questions, internal/fitrefusal -dump); 0.2 refused
// two answerable ones.
const matchedMinCoverage = 0.15

// OffScopeCoverage is the coverage a question with an off-scope word needs:
// "whats the ice hotline number to report a raid" is four words of the
// corpus's and one it lacks, which is about something else.
const OffScopeCoverage = 0.8

// offScopeMatched and offScopeMatchedCoverage answer a question with an
// off-scope word that matches much of the corpus anyway: a long message
// whose off-scope word is background ("my son has been in LAUSD since
// kindergarten ... was there an older district policy") is about our
// documents. Over the check sets the 346 off-topic questions with an
// off-scope word match at most 17.4 (coverage 0.28; in English 15.2 at
// 0.32); the answerable ones matched 27.9 at 0.46 and, a longer story
// ("my abuelo ... at a rally in sacramento ... what day did brown sign SB
// 54"), 22.8 at 0.26: the coverage floor is only that of any answer on
// matched weight, a little higher (0.4 at first; 0.2 changed nothing else).
const (
	offScopeMatched         = 20
	offScopeMatchedCoverage = 0.2
)

// relatedNamed are the other laws and policies the question names: topic
// entries ("sb 54", "garcetti", "lausd", "special order 40") found mostly
// in related passages. Then those passages compete on equal terms with the
// ordinance's own; a common word that happens to sit in one ("staff",
// "brought") does not count.
func (e *langEngine) relatedNamed(terms []string) [][]string {
	var named [][]string
	for _, entry := range e.topic {
		if containsSeq(terms, entry) && e.mostlyRelated(entry) {
			named = append(named, entry)
		}
	}
	return named
}

// hitHas reports whether a hit matched term t in a field other than the
// exact one (the words as typed, which coverage does not count).
func hitHas(h *search.DocumentMatch, t string) bool {
	for field, tlm := range h.Locations {
		if field == fieldExact {
			continue
		}
		if _, ok := tlm[t]; ok {
			return true
		}
	}
	return false
}

// hitHasAll reports whether a hit matched every one of the terms (hitHas).
func hitHasAll(h *search.DocumentMatch, ts []string) bool {
	for _, t := range ts {
		if !hitHas(h, t) {
			return false
		}
	}
	return true
}

// namesAny reports whether a hit names one of the entries: every word of
// it, or of a synonym it triggered ("los angeles unified" for "lausd"). A
// passage that never names the law a question asks about ("q dia exacto
// firmaron el sb54") answers something else, however well its other words
// match.
func namesAny(h *search.DocumentMatch, entries [][]string, alts map[string]*alternatives, exps []expansion) bool {
	has := func(t string) bool { return hitHas(h, t) }
	hasAll := func(ts []string) bool { return hitHasAll(h, ts) }
	for _, entry := range entries {
		all := true
		for _, t := range entry {
			if has(t) {
				continue
			}
			if a := alts[t]; a == nil || !slices.ContainsFunc(a.syn, has) {
				all = false
				break
			}
		}
		if all {
			return true
		}
		for _, x := range exps {
			if containsSeq(x.trigger, entry) || containsSeq(entry, x.trigger) {
				if slices.ContainsFunc(x.entries, hasAll) {
					return true
				}
			}
		}
	}
	return false
}

// mostlyRelated reports whether at least half the passages using a topic
// entry are related ones. A word is counted by its passages; a phrase
// ("special order 40", "state law") by the passages that have it as a
// phrase, not by its words one at a time: "order" and "law" are
// everywhere, the phrases are not.
func (e *langEngine) mostlyRelated(entry []string) bool {
	if len(entry) == 1 {
		t := entry[0]
		n := e.relatedDF[t]
		return n > 0 && 2*n >= e.df[t]-e.askedOnly[t]
	}
	st := e.phraseIn(entry)
	return st.related > 0 && 2*st.related >= st.passages
}

// phraseStats count the passages whose text has a phrase, and the related
// ones among them.
type phraseStats struct{ passages, related int }

// phraseIn counts a phrase's passages by a bleve phrase query, the first
// time a question uses it (phrases cache it): start-up does not pay for
// phrases nobody asks about. On the phrase field: on the text field, whose
// words have synonyms, bleve found "orden especial 40" in no passage.
func (e *langEngine) phraseIn(terms []string) phraseStats {
	key := strings.Join(terms, " ")
	if v, ok := e.phrases.Load(key); ok {
		return v.(phraseStats)
	}
	var st phraseStats
	req := bleve.NewSearchRequestOptions(bleve.NewPhraseQuery(e.th.gapped.phrase(terms), fieldPhrase), max(e.n, 1), 0, false)
	sr, err := e.idx.Search(req)
	if err != nil {
		// Not cached: a phrase of an index that fails to answer is no
		// evidence either way, and the next question asks again.
		slog.Warn("count a phrase's passages", "err", err)
		return st
	}
	for _, h := range sr.Hits {
		st.passages++
		if p, ok := e.corpus.Passage(h.ID); ok && p.Related {
			st.related++
		}
	}
	e.phrases.Store(key, st)
	return st
}

type scoredHit struct {
	*search.DocumentMatch
	match
	score float64
}

// match is how much of the question one hit matched.
type match struct {
	coverage float64 // share of the question's weight
	got      float64 // matched weight, unknown words left out
	// ranking is the share with the focus clause's terms weighted up
	// (focus.go): what passages are ranked by, not what the verdict reads.
	ranking float64
}

// coverage is the IDF-weighted share of the question's distinct terms that
// the hit matched, directly or through a synonym or typo candidate. Words
// the corpus has never seen weigh the most, so "capital of france" never
// passes on the strength of "of". The same pass gives the ranking share,
// with focus terms weighing focusWeight times as much.
func (e *langEngine) coverage(terms []string, alts map[string]*alternatives, hit *search.DocumentMatch, focus map[string]bool) match {
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
	var total, got, focusTotal, focusGot float64
	var m match
	seen := map[string]bool{}
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		a := alts[t]
		w := e.termWeight(t, a)
		fw := w
		if focus[t] {
			fw *= focusWeight
		}
		total += w
		focusTotal += fw
		credit := 0.0
		switch {
		case matched[t]:
			credit = 1
		case anyOf(a.syn):
			credit = synonymCredit
		case anyOf(a.typo):
			credit = typoCredit
		}
		got += w * credit
		focusGot += fw * credit
	}
	if total == 0 {
		return m
	}
	m.got = got
	m.coverage = got / total
	m.ranking = focusGot / focusTotal
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
// corpus does not know it. A number it does not know weighs nothing.
func (e *langEngine) termWeight(t string, a *alternatives) float64 {
	if e.df[t] > 0 {
		return e.idf(t)
	}
	if len(t) == 1 {
		return 0 // a stray letter ("x", "b") says nothing either way
	}
	if digits(t) > 0 {
		// A number the passages never use is a guess to be checked ("was
		// it 2022?") as often as another matter: no evidence either way.
		return 0
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

// askedLikeMin is how close a question must be to one of its best
// passages' "asked as" questions to be answered without a topic word or
// coverage: that passage was written to answer it.
const askedLikeMin = 0.8

// askedLike reports whether the question asks, in other words, one of the
// "asked as" questions of its best few passages ("cuantos dias tiene el
// distrito para el plan"). Only reached for a question about to be
// refused, so its cost does not fall on answered ones.
func (e *langEngine) askedLike(q string, ranked []scoredHit) bool {
	qa := e.questionTerms(q)
	if len(qa.terms) == 0 {
		return false
	}
	for i, h := range ranked {
		if i == 3 {
			break
		}
		p, ok := e.corpus.Passage(h.ID)
		if !ok {
			continue
		}
		for _, a := range e.askedOf(p) {
			if e.similarAnalyzed(qa, a) >= askedLikeMin {
				return true
			}
		}
	}
	return false
}

// askedOf returns a passage's "asked as" questions, analyzed.
func (e *langEngine) askedOf(p *corpus.Passage) []analyzed {
	if v, ok := e.askedTerms.Load(p.ID); ok {
		return v.([]analyzed)
	}
	out := make([]analyzed, 0, len(p.AskedAs))
	for _, a := range p.AskedAs {
		out = append(out, e.questionTerms(a))
	}
	e.askedTerms.Store(p.ID, out)
	return out
}
