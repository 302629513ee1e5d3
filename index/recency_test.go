package index

import (
	"strings"
	"testing"
)

// A Spanish question about what there was before asks for the earlier
// policy, not the 2024 one it is compared with.
func TestPastCueRanksTheEarlierPolicy(t *testing.T) {
	e := testEngine(t)
	for _, l := range e.langs {
		if l.mainYear != 2024 {
			t.Errorf("%s: main year %d, want 2024 (the ordinance's)", l.pack.Lang, l.mainYear)
		}
	}
	for _, q := range []string{
		"el distrito escolar ya era santuario desde antes o es nuevo?",
		"mi vecina dice q la ordenanza no es nada nuevo, q la ciudad ya hacia todo eso desde antes",
	} {
		p := firstPassage(t, e, q)
		if p == nil {
			continue
		}
		if y := e.lang("es").earliestOf(p.ID); y >= 2024 || !strings.Contains(p.Text, "2017") && !strings.Contains(p.Text, "1979") {
			t.Errorf("%q: first %s (earliest year %d), want an earlier policy", q, p.ID, y)
		}
	}
}
