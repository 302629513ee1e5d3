package index

import (
	"sort"
)

// KeySpans returns the few matched spans of h that carry the match, at most
// n, in text order: a reader's eye should land on "administrative warrant",
// not on "immigration" bolded in every line of an answer about immigration.
// Each span weighs as much as the rarest word in it (BM25's IDF over the
// passages of its document's language); a span whose words are all in an
// earlier, heavier span is left out, as is one weighing less than half the
// heaviest, so a passage matched by common words alone gets one bold word.
func (e *Engine) KeySpans(h Hit, n int) []Span {
	if n <= 0 || h.Passage == nil || len(h.Spans) == 0 {
		return nil
	}
	lang := "en"
	if h.Passage.Doc != nil {
		lang = h.Passage.Doc.Lang
	}
	l := e.lang(lang)
	text := h.Passage.Text
	type cand struct {
		span   Span
		weight float64
		terms  []string
	}
	var cands []cand
	for _, s := range h.Spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		c := cand{span: s}
		for _, tok := range l.text.Analyze([]byte(l.prepare(foldQuery(text[s.Start:s.End])))) {
			t := string(tok.Term)
			c.terms = append(c.terms, t)
			c.weight = max(c.weight, l.idf(t))
		}
		if len(c.terms) > 0 {
			cands = append(cands, c)
		}
	}
	// Heaviest first; among equals the earliest, which is where the
	// snippet starts.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].weight > cands[j].weight })
	var out []Span
	shown := map[string]bool{}
	for _, c := range cands {
		if len(out) == n || len(out) > 0 && c.weight < cands[0].weight/2 {
			break
		}
		adds := false
		for _, t := range c.terms {
			adds = adds || !shown[t]
		}
		if !adds {
			continue
		}
		for _, t := range c.terms {
			shown[t] = true
		}
		out = append(out, c.span)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
