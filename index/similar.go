package index

// Similar scores how much two questions ask the same thing, from 0 to 1:
// the average of how well each covers the other's words, with synonyms and
// small typos counting partly, each word weighted by how rare it is in the
// corpus. Moderators' pinned questions and the unanswered queue use it to
// recognise a question asked in other words.
func (e *langEngine) Similar(a, b string) float64 {
	return e.similarAnalyzed(e.questionTerms(a), e.questionTerms(b))
}

// analyzed is a question's distinct terms and, for typo matching, the
// lowercased words they came from (stems of a typo can differ a lot:
// "sigend" stays "sigend" while "signed" becomes "sign").
type analyzed struct {
	terms, words []string
	// syn are the terms its words stand for through synonyms, worked out
	// once: a pinned question is compared with every new one.
	syn  map[string]bool
	alts map[string]*alternatives
}

func (e *langEngine) questionTerms(q string) analyzed {
	return e.analyzeText(cleanQuestion(q, e.opts.MaxQuestionRunes))
}

// analyzeText is questionTerms without the question's length cap, for a
// pinned answer's text (bounded by pins.MaxAnswerLen).
func (e *langEngine) analyzeText(s string) analyzed {
	return e.analyzePrepared(e.prepare(foldQuery(s)))
}

// pinQuestion is questionTerms with the question's askSig, from one
// preparation of its text: what the pin matcher compares.
func (e *langEngine) pinQuestion(q string) (analyzed, askSig) {
	folded := e.prepare(foldQuery(cleanQuestion(q, e.opts.MaxQuestionRunes)))
	return e.analyzePrepared(folded), e.askSignature(folded)
}

func (e *langEngine) analyzePrepared(folded string) analyzed {
	seen := map[string]bool{}
	var out analyzed
	for _, tok := range e.text.Analyze([]byte(folded)) {
		t := string(tok.Term)
		if !seen[t] {
			seen[t] = true
			out.terms = append(out.terms, t)
			out.words = append(out.words, folded[tok.Start:tok.End])
		}
	}
	out.alts = e.synonymsOf(out.terms)
	out.syn = synTerms(out.alts)
	return out
}

// covers is the weighted share of from's terms found in to.
func (e *langEngine) covers(from, to analyzed) float64 {
	in := make(map[string]bool, len(to.terms))
	for _, t := range to.terms {
		in[t] = true
	}
	syn := from.alts
	if syn == nil {
		syn = e.synonymsOf(from.terms)
	}
	// Words both map to through synonyms count as shared too: "migra"
	// and "ice" both stand for immigration agents.
	toSyn := to.syn
	if toSyn == nil {
		toSyn = synTerms(e.synonymsOf(to.terms))
	}
	var total, got float64
	for i, t := range from.terms {
		w := e.termWeight(t, syn[t])
		if e.df[t] == 0 && len(syn[t].syn) == 0 {
			// A word the corpus never uses says little about which
			// question this is ("yet", "please"); unlike in search, where
			// it may be the very subject, here both sides are questions.
			w = unknownSimilarWeight
		}
		switch j := closest(from.words[i], to.words); {
		case in[t]:
			got += w
		case anyIn(syn[t].syn, in), toSyn[t]:
			got += w * synonymCredit
		case anyIn(syn[t].syn, toSyn):
			got += w * synonymCredit * synonymCredit
		case len(from.words[i]) >= minTypoLen && j >= 0:
			// a word one edit from the other's is a typo of it: it weighs
			// what the known one of the two weighs, and counts like a synonym
			w = min(w, e.termWeight(to.terms[j], &alternatives{}))
			got += w * synonymCredit
		}
		total += w
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// synTerms is the set of terms a question's synonyms stand for.
func synTerms(alts map[string]*alternatives) map[string]bool {
	out := map[string]bool{}
	for _, a := range alts {
		for _, x := range a.syn {
			out[x] = true
		}
	}
	return out
}

// synonymsOf gives each term its synonyms: bleve's single-word ones and the
// words of the multi-word entries it triggers.
func (e *langEngine) synonymsOf(terms []string) map[string]*alternatives {
	return e.synonymsFrom(terms, e.th.expand(terms))
}

// synonymsFrom is synonymsOf with the groups the terms trigger already
// found (a search needs them for its query and its verdict too).
func (e *langEngine) synonymsFrom(terms []string, exps []expansion) map[string]*alternatives {
	alts := make(map[string]*alternatives, len(terms))
	for _, t := range terms {
		if alts[t] == nil {
			alts[t] = &alternatives{}
		}
		alts[t].syn = append(alts[t].syn, e.th.single[t]...)
	}
	for _, x := range exps {
		for _, entry := range x.entries {
			for _, src := range x.trigger {
				alts[src].syn = append(alts[src].syn, entry...)
			}
		}
	}
	return alts
}

func anyIn(list []string, set map[string]bool) bool {
	for _, x := range list {
		if set[x] {
			return true
		}
	}
	return false
}

// closest is the index of a word one edit away from w, or -1.
func closest(w string, list []string) int {
	for i, o := range list {
		if o != w && abs(len(o)-len(w)) <= 1 && editDistance(w, o, 1) <= 1 {
			return i
		}
	}
	return -1
}

// SameQuestion is the Similar score from which two questions are taken to
// ask the same thing.
const SameQuestion = 0.7

// unknownSimilarWeight is about the IDF of a word in a third of passages.
const unknownSimilarWeight = 1.0
