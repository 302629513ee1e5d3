package synth

import (
	"strings"
	"testing"
)

func TestCorpusIsDeterministicAndSized(t *testing.T) {
	a, err := New(nil, 500, 7).Corpus(120)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(nil, 500, 7).Corpus(120)
	if len(a.Passages) != 120 || len(a.Docs) != 3 {
		t.Fatalf("%d passages in %d documents, want 120 in 3", len(a.Passages), len(a.Docs))
	}
	for i := range a.Passages {
		if a.Passages[i].Text != b.Passages[i].Text {
			t.Fatal("the same seed gave a different corpus")
		}
		if n := len(strings.Fields(a.Passages[i].Text)); n < 20 || n > 120 {
			t.Fatalf("passage of %d words", n)
		}
	}
	q := New(nil, 500, 7).Question()
	if n := len(strings.Fields(q)); n < 3 || n > 7 {
		t.Fatalf("question %q has %d words", q, n)
	}
}
