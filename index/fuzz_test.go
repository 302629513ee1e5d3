package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearch: any question, however odd, gets an answer or a reason, never
// an error or a panic, and highlights only ever wrap the passage's text.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "is it law yet", `+a -b title:x "`, "\xff\xfe", "13–0", "a\u0301\u200b", strings.Repeat("ice ", 200),
		// the fifth session's rewrites: ordinal days, long-number typos,
		// Spanish sound-alike letters, a known other place
		"nov 19th 4th 31st", "ordenanza 18844 188414 99999999999", "yyyyllllbvbv kkk yover", "sf san francisco la l.a."} {
		f.Add(s)
	}
	e := testEngine(f)
	f.Fuzz(func(t *testing.T, q string) {
		res, err := e.Search(q, 5, 0)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if !res.Answered && (len(res.Hits) != 0 || res.Reason == "") {
			t.Fatalf("%q: declined with %d hits, reason %q", q, len(res.Hits), res.Reason)
		}
		if len(res.Hits) > 5 || !utf8.ValidString(res.Question) || utf8.RuneCountInString(res.Question) > DefaultOptions().MaxQuestionRunes {
			t.Fatalf("%q: %d hits, question %q", q, len(res.Hits), res.Question)
		}
		for _, h := range res.Hits {
			if got := strings.NewReplacer("\x01", "", "\x02", "").Replace(h.Highlighted("\x01", "\x02")); got != h.Passage.Text {
				t.Fatalf("%q: highlight changed %s", q, h.Passage.ID)
			}
		}
		if s := e.Similar(q, q); s < 0 || s > 1 {
			t.Fatalf("Similar(%q, itself) = %v", q, s)
		}
	})
}
