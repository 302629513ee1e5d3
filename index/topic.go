package index

import (
	_ "embed"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
)

//go:embed topic-en.txt
var topicEN string

//go:embed topic-es.txt
var topicES string

//go:embed offscope.txt
var offScopeFile string

// linesFor keeps a word list's lines for one language: untagged lines,
// and "xx: word" lines of that language (the tag, a pack's language,
// removed).
func linesFor(src, lang string) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if tag, rest, ok := strings.Cut(line, ":"); ok && PackFor(strings.TrimSpace(tag)) != nil {
			if strings.TrimSpace(tag) != lang {
				continue
			}
			line = rest
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// homePlace is the city the documents are about, as it is written.
const homePlace = "Los Angeles LA L.A."

// placesSection is the heading of offscope.txt's section of other places.
const placesSection = "# Other places"

// sectionLines is the part of src under the heading line head, up to the
// next heading (a "#" line after a blank one).
func sectionLines(src, head string) string {
	var b strings.Builder
	in, blank := false, false
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == head:
			in = true
		case in && blank && strings.HasPrefix(t, "#"):
			in = false
		case in:
			b.WriteString(line)
			b.WriteByte('\n')
		}
		blank = t == ""
	}
	return b.String()
}

// entryLines yields the entries of a vocabulary file (topic, off-scope,
// chat phrases): its trimmed lines but blank and "#" ones, with their line
// numbers from 1.
func entryLines(src string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for n, line := range strings.Split(src, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(n+1, line) {
				return
			}
		}
	}
}

// parseTopic analyzes each entry of a topic file into its terms.
func parseTopic(src string, analyze analyzeFunc, gaps gapTable) [][]string {
	var out [][]string
	for _, line := range entryLines(src) {
		if words := gaps.add(analyze(foldQuery(line))); len(words) > 0 {
			out = append(out, words)
		}
	}
	return dedupe(out)
}

// namesTopic reports whether q as typed (no chat forms, no typo
// correction: it may be in another language) uses a topic entry, directly
// or through a synonym.
func (e *langEngine) namesTopic(q string) bool {
	terms := e.terms(q)
	return len(terms) > 0 && e.onTopic(terms, map[string]*alternatives{}, e.th.expand(terms))
}

// onTopic reports whether a question's terms, or the synonyms they
// trigger, include a topic entry: evidence that it is about our documents.
func (e *langEngine) onTopic(terms []string, alts map[string]*alternatives, exps []expansion) bool {
	for _, entry := range e.topic {
		if containsSeq(terms, entry) {
			return true
		}
		if len(entry) == 1 {
			for _, t := range terms {
				if a := alts[t]; a != nil && !e.inText(t) && (slices.Contains(a.syn, entry[0]) || slices.Contains(a.typo, entry[0])) {
					return true
				}
			}
		}
	}
	// A synonym counts only for a word the corpus lacks ("migra"): a word
	// it has ("mayor") stands for itself, not for the people it may mean.
	for _, x := range exps {
		if e.allInText(x.trigger) {
			continue
		}
		for _, entry := range x.entries {
			for _, te := range e.topic {
				if containsSeq(entry, te) {
					return true
				}
			}
		}
	}
	return false
}

// inText reports whether the passages' own text uses a term ("asked as"
// questions aside).
func (e *langEngine) inText(t string) bool { return e.df[t] > 0 && e.askedOnly[t] == 0 }

func (e *langEngine) allInText(terms []string) bool {
	for _, t := range terms {
		if !e.inText(t) {
			return false
		}
	}
	return true
}

// knownPhrase reports whether the passages' text uses a word, or a phrase
// as a phrase.
func (e *langEngine) knownPhrase(terms []string) bool {
	if len(terms) == 1 {
		return e.inText(terms[0])
	}
	return e.allInText(terms) && e.phraseIn(terms).passages > 0
}

// offScope reports whether the question uses an off-scope word
// (offscope.txt) the corpus does not know: it is then about another place
// or matter, whatever topic words it also uses. A phrase is known as a
// phrase: "detention center" is off-scope though the corpus has both words.
// contextShare is the largest share of passages a word may be in and still
// tie a question to a known off-scope place's passages: "judge" (12 %)
// does, "sanctuary" (22 %) and "city" do not.
const contextShare = 0.15

// placeOutOfContext reports whether the question uses an off-scope word the
// corpus knows only as the setting of something else and shares nothing
// distinctive with the passages naming it: the documents name San
// Francisco as the seat of the court that blocked the funding cuts, so
// "which san francisco judge blocked the cuts" is theirs, and "does san
// francisco have its own sanctuary ordinance" asks about another city.
func (e *langEngine) placeOutOfContext(terms []string, alts map[string]*alternatives, ranked []scoredHit) bool {
	for _, entry := range e.places {
		if !containsSeq(terms, entry) || !e.knownPhrase(entry) {
			continue
		}
		for _, h := range ranked {
			if e.sharesContext(h.DocumentMatch, entry, terms, alts) {
				return false
			}
		}
		return true
	}
	return false
}

// sharesContext reports whether a hit names entry and matches another of
// the question's terms that few passages have.
func (e *langEngine) sharesContext(h *search.DocumentMatch, entry, terms []string, alts map[string]*alternatives) bool {
	if !hitHasAll(h, entry) {
		return false
	}
	// Los Angeles itself ties nothing: every place passage is about it.
	limit := contextShare * float64(e.n)
	for _, t := range terms {
		if slices.Contains(entry, t) || slices.Contains(e.home, t) {
			continue
		}
		cands := []string{t}
		if a := alts[t]; a != nil {
			cands = append(append(cands, a.syn...), a.typo...)
		}
		for _, c := range cands {
			if !slices.Contains(e.home, c) && float64(e.df[c]) <= limit && hitHas(h, c) {
				return true
			}
		}
	}
	return false
}

func (e *langEngine) offScope(terms, words []string) bool {
	return len(e.offScopeEntries(terms, words)) > 0
}

// offScopeEntries are the off-scope words and phrases terms hold; words
// are the terms as written (words[i] gave terms[i]).
func (e *langEngine) offScopeEntries(terms, words []string) [][]string {
	var out [][]string
	for _, entry := range e.offscope {
		if !containsSeq(terms, entry) || e.knownPhrase(entry) {
			continue
		}
		if len(entry) == 1 && !e.formOfOffScope(entry[0], terms, words) {
			continue
		}
		out = append(out, entry)
	}
	return out
}

// namesPlace reports whether text names another place (offscope.txt's
// placesSection) that the corpus does not know as one of its own words.
func (e *langEngine) namesPlace(text string) bool {
	a := e.questionTerms(text)
	for _, entry := range e.places {
		if containsSeq(a.terms, entry) && !e.knownPhrase(entry) {
			return true
		}
	}
	return false
}

// offScopeFormSlack is how much longer or shorter than an off-scope word
// a question's word with its stem may be and still be a form of it:
// "naturalization" stems to "natur", as "nature" does.
const offScopeFormSlack = 3

// formOfOffScope reports whether a question word that analyzes to the
// single-word off-scope entry t is a form of the listed word, not another
// word with its stem.
func (e *langEngine) formOfOffScope(t string, terms, words []string) bool {
	lens := e.offscopeLen[t]
	if len(lens) == 0 || len(words) != len(terms) {
		return true
	}
	for i, term := range terms {
		if term != t {
			continue
		}
		n := utf8.RuneCountInString(words[i])
		for _, l := range lens {
			if n >= l-offScopeFormSlack && n <= l+offScopeFormSlack {
				return true
			}
		}
	}
	return false
}

// entryLengths maps each single-term entry of a topic file to the lengths
// of the words it was written as.
func entryLengths(src string, analyze analyzeFunc) map[string][]int {
	out := map[string][]int{}
	for _, line := range entryLines(src) {
		folded := foldQuery(line)
		if strings.Contains(folded, " ") {
			continue
		}
		if terms := analyze(folded); len(terms) == 1 {
			out[terms[0]] = append(out[terms[0]], utf8.RuneCountInString(folded))
		}
	}
	return out
}

// withoutOrigins is terms with each other place the asker says they come
// from (Pack.Origins: "from texas", "soy de guatemala") blanked, so that
// it is not read as what the question is about. Other terms are kept.
func (e *langEngine) withoutOrigins(folded string, toks analysis.TokenStream, terms []string) []string {
	if len(e.pack.Origins) == 0 || len(toks) != len(terms) {
		return terms
	}
	var out []string
	for i, t := range toks {
		if !e.placeFirst[terms[i]] {
			continue
		}
		before := " " + strings.TrimRight(strings.ToLower(folded[:t.Start]), " ")
		if !slices.ContainsFunc(e.pack.Origins, func(cue string) bool { return strings.HasSuffix(before, " "+cue) }) {
			continue
		}
		if out == nil {
			out = slices.Clone(terms)
		}
		out[i] = ""
	}
	if out == nil {
		return terms
	}
	return out
}
