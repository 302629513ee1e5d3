package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// focusWords open a question whose next words name what the answer is
// about: "quien falto en la segunda votacion" wants the passage on who was
// absent, not the one on the second vote that names a person for another
// reason.
var focusWords = setOf([]string{"who", "whom", "whose", "when", "where", "which",
	"quien", "quienes", "cuando", "donde", "cual", "cuales"})

// focusLead is how many of the question's terms may come before a focus
// word in its clause: "ok ya la aprobaron pero quien la tiene q firmar"
// asks who (one term, "aprob", before it), "how long till trumps
// inauguration from when the article was written" does not ask when.
// Counted in words, up to three, it missed the first; in terms, 1 gained
// one question over the check sets and lost none, 2 lost two, 3 three.
const focusLead = 1

// focusSpan bounds the focus to the clause's first terms: a long clause
// ("who wrote the california insider article on the LA sanctuary
// ordinance") is the whole question, not a focus within it. Over the
// check sets, with focusWeight 2: no bound +6 questions at R@1, 6 terms
// +7, 3 terms +6 (English 0), 2 terms +4 with three lost at R@3.
const focusSpan = 6

// focusWeight multiplies the weight of the focus clause's terms in the
// coverage a passage is ranked by (not the one the verdict reads). Over
// the check sets: 1.5 +4 questions at R@1, 2 +6, 3 +6; adding "what",
// "que", "how", "como" to the focus words lost English ones.
const focusWeight = 2.0

const clauseMarks = ".?!,;:\n"

// timeOpeners open a clause of time ("despues de votarla") that a
// question word after it leaves behind. Spanish only: with "after",
// "before" and "once" too, two English questions of the check sets lost
// their passage and none gained; the Spanish words gained one at R@1.
var timeOpeners = setOf([]string{"despues", "luego", "tras"})

// focusTerms are the terms of the clause a focus word opens.
func focusTerms(folded string, toks analysis.TokenStream) map[string]bool {
	var out map[string]bool
	words := wordIndexes(folded)
	clause := 0 // where the word's clause starts
	for i, w := range words {
		if i > 0 && strings.ContainsAny(folded[words[i-1][1]:w[0]], clauseMarks) {
			clause = w[0]
		}
		if !focusWords[strings.ToLower(folded[w[0]:w[1]])] {
			continue
		}
		// A time clause before the question word is where the question
		// stands, not part of it: "y despues de votarla quien la firmo"
		// asks who signs.
		from := clause
		for _, v := range words[:i] {
			if v[0] >= clause && timeOpeners[strings.ToLower(folded[v[0]:v[1]])] {
				from = w[0]
				break
			}
		}
		lead := 0
		for _, t := range toks {
			if t.Start >= from && t.End <= w[0] {
				lead++
			}
		}
		if lead > focusLead {
			continue
		}
		n := 0
		for _, t := range toks {
			if t.Start < w[1] {
				continue
			}
			if n == focusSpan || strings.ContainsAny(folded[w[1]:t.Start], clauseMarks) {
				break
			}
			n++
			if out == nil {
				out = map[string]bool{}
			}
			out[string(t.Term)] = true
		}
	}
	return out
}
