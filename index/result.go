package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/search"

	"ordinancebot/corpus"
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
	// locs are bleve's match locations, kept until the hit makes the
	// page: only the hits shown pay for their spans.
	locs search.FieldTermLocationMap
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
	// BM25 is the passage's raw bleve score.
	BM25 float64
	// OnTopic is whether the question uses a topic word (topic-en.txt) and
	// no off-scope word (offscope.txt).
	OnTopic bool
	// OffScope is whether it uses an off-scope word the corpus lacks, or
	// asks what to do (Pack.Advice).
	OffScope bool
	// Prediction is whether it asks the bot what will happen (Pack.Opinion
	// and Pack.Future), which no document says.
	Prediction bool
	// Chat is whether it is a greeting or a thank-you with no question
	// mark and no topic word (Pack.Greetings): chat, not a question.
	Chat bool
	// AboutBot is whether it is about the bot itself, with no topic word
	// (Pack.AboutBot).
	AboutBot bool
	// Advice is whether it asks what to do, or for a count the documents
	// do not have (Pack.Advice, Pack.Demands, Pack.Uncounted); it makes
	// OffScope true.
	Advice bool
	// FollowUp is whether it points back to what was being discussed
	// (Pack.FollowUps: "does it apply to contractors too").
	FollowUp bool
}
