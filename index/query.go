package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// buildQuery turns analyzed question tokens into one "concept" clause per
// distinct word: the word itself (BM25, with bleve's single-word synonyms),
// the multi-word synonyms it triggers and, for a
// word the corpus does not know, typo candidates. Beside the concepts come
// section headings and adjacent word pairs as phrases.
// (Document titles and the exact, unstemmed word forms used to be clauses
// too. Every passage of a document shares its title, and exact forms paid
// twice for a word repeated in a passage: dropping them moved the public
// tuning half's R@1 0.673 → 0.714 → 0.796. The exact field stays indexed:
// it is the corpus's words as written, for typo correction.)
// It also returns, per question term, what counts as matching it.
//
// Bleve scores a disjunction as sum × matched/total. Inside a concept only
// one alternative usually matches, so every alternative's boost is
// multiplied by their count: a word with many synonyms weighs the same as
// one with none, and the top-level factor counts matched concepts.
func (e *langEngine) buildQuery(folded string, toks analysis.TokenStream, terms []string, exps []expansion, typos bool) (query.Query, map[string]*alternatives) {
	alts := e.synonymsFrom(terms, exps)
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
	// A term query that can match nothing (neither the word nor a synonym
	// of it is in the field) is left out: it costs a searcher and changes
	// no ranking, since each clause's boosts below count the alternatives
	// it has (bleve's coordination factor cancels that count) and every
	// score moves by the same factor (bleve's query norm).
	for _, t := range order {
		if e.liveIn(e.df, t) {
			tq := bleve.NewTermQuery(t)
			tq.SetField(fieldText)
			subs[t] = append(subs[t], weighted{tq, 1})
		}
		// The passage's "asked as" questions: a word people use for what
		// the passage says counts as the passage's own.
		if e.liveIn(e.askedDF, t) {
			aq := bleve.NewTermQuery(t)
			aq.SetField(fieldAsked)
			subs[t] = append(subs[t], weighted{aq, askedBoost})
		}
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
	for _, x := range exps {
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
				qq = bleve.NewPhraseQuery(e.th.gapped.phrase(entry), fieldPhrase)
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
		if len(ws) == 0 {
			continue
		}
		qs := make([]query.Query, len(ws))
		for i, w := range ws {
			setBoost(w.q, w.boost*float64(len(ws)))
			qs[i] = w.q
		}
		clauses = append(clauses, bleve.NewDisjunctionQuery(qs...))
	}
	// Headings are one clause of their own: inside a word's clause, a
	// heading match would also lift that clause's own coordination factor
	// and double the weight of a common word like "ordinance". It is what
	// a match query over the question would build, one term per word,
	// without the words no heading can match; their share of the clause's
	// coordination factor goes into the boost.
	var heads []query.Query
	for _, tok := range toks {
		if t := string(tok.Term); e.liveIn(e.headingDF, t) {
			hq := bleve.NewTermQuery(t)
			hq.SetField(fieldHeading)
			heads = append(heads, hq)
		}
	}
	if len(heads) > 0 {
		for _, hq := range heads {
			setBoost(hq, headingBoost*float64(len(heads))/float64(len(toks)))
		}
		hd := bleve.NewDisjunctionQuery(heads...)
		hd.SetMin(1)
		clauses = append(clauses, hd)
	}
	var phrases []query.Query
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if b.Position-a.Position > 3 || b.End <= a.Start {
			continue
		}
		if e.allCommon([]string{string(a.Term), string(b.Term)}) {
			continue
		}
		// A pair with a word the text lacks can match no passage (the
		// phrase field has no synonyms): searching it only costs time. The
		// ranking is the same without it; scores change by one factor per
		// question (bleve's query norm).
		if e.df[string(a.Term)] == 0 || e.df[string(b.Term)] == 0 {
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
	return e.commonTermsQuery(order, alts, clauses), alts
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
// in more than 0.5% of passages. Such phrases are left out: bleve's phrase
// searcher, asked to advance to a candidate, walks on through every
// passage holding all the words until one holds them as the phrase, which
// made them most of a question's cost at 100k passages. From 2% to 0.5%
// left the first three hits of 298 of 300 synthetic questions at 100k as
// they were and took p99 from 35–41 to 33–38 ms alone, from 24–26 to
// 20–21 ms with narrow (README, "Scale").
func (e *langEngine) allCommon(words []string) bool {
	if e.n < largeCorpus {
		return false
	}
	for _, w := range words {
		if e.df[w] <= e.n/200 {
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

// liveIn reports whether a term query for t can match in a field whose
// passage counts are df: t is there, or one of the synonyms bleve expands
// it to.
func (e *langEngine) liveIn(df map[string]int, t string) bool {
	if df[t] > 0 {
		return true
	}
	for _, s := range e.th.single[t] {
		if df[s] > 0 {
			return true
		}
	}
	return false
}
