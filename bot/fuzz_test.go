package bot

import (
	"testing"
	"unicode/utf8"

	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/pins"
)

// FuzzAnswerEmbeds: any question and any passage text give embeds within
// Discord's limits, in valid UTF-8, with no live mention.
func FuzzAnswerEmbeds(f *testing.F) {
	f.Add("is it law yet", "The ordinance is law. @everyone", 4, 3)
	f.Add("\xff", "**__~~||`", 0, 100)
	f.Add("", "", 0, 0)
	f.Fuzz(func(t *testing.T, question, text string, start, length int) {
		if len(text) > corpus.MaxPassageBytes {
			text = text[:corpus.MaxPassageBytes]
		}
		d := &corpus.Document{ID: "d", Label: text, Title: text, Publisher: text, Date: "2025-01-01", URL: "https://example.com/x"}
		p := &corpus.Passage{ID: "d-1", Label: text, Doc: d, Text: text}
		var spans []index.Span
		if start >= 0 && length > 0 && start+length <= len(text) {
			spans = []index.Span{{Start: start, End: start + length}}
		}
		var hits []index.Hit
		for i := 0; i < 10; i++ {
			hits = append(hits, index.Hit{Rank: i + 1, Passage: p, Spans: spans})
		}
		for _, res := range []*index.Result{{Answered: true, Hits: hits, Question: question}, {Reason: index.ReasonNoMatch}} {
			embeds := answerEmbeds(question, res, "2026-07-03")
			pin := &pins.Pin{ID: "p1", Questions: []string{question + "?"}, Answer: text + "x"}
			embeds = withPin("en", pin, embeds)
			total := 0
			for _, e := range embeds {
				total += embedSize(e)
				if utf8.RuneCountInString(e.Title) > maxEmbedTitle || utf8.RuneCountInString(e.Description) > maxEmbedDesc {
					t.Fatalf("title %d, description %d", utf8.RuneCountInString(e.Title), utf8.RuneCountInString(e.Description))
				}
				for _, fl := range e.Fields {
					if utf8.RuneCountInString(fl.Name) > maxFieldName || utf8.RuneCountInString(fl.Value) > maxFieldValue || !utf8.ValidString(fl.Value) {
						t.Fatalf("field name %d value %d", utf8.RuneCountInString(fl.Name), utf8.RuneCountInString(fl.Value))
					}
				}
			}
			if total > maxEmbedTotal {
				t.Fatalf("embeds total %d characters", total)
			}
		}
		pe := passageEmbed("en", &corpus.Corpus{Passages: []*corpus.Passage{p}}, p, 1)
		if embedSize(pe) > maxEmbedTotal || utf8.RuneCountInString(pe.Description) > maxEmbedDesc {
			t.Fatalf("passage embed %d", embedSize(pe))
		}
	})
}
