package answer

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"ordinancebot/internal/testengine"
	"ordinancebot/pins"
	"ordinancebot/pins/boltstore"
)

func newService(t testing.TB, n int) (*Service, *boltstore.Store) {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "pins.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// On-topic filler, as a busy server's pins would be: the curated
	// autocomplete questions, numbered, so they share words with real ones.
	curated := testengine.Get(t).Suggest("", 100)
	ps := make([]pins.Pin, 0, n)
	for i := range n {
		ps = append(ps, pins.Pin{ID: fmt.Sprintf("p%d", i+1), Guild: "100000000000000001",
			Questions: []string{fmt.Sprintf("%s (%d)", curated[i%len(curated)], i)}, Answer: "Filler about the ordinance and the city."})
	}
	if n > 0 {
		if _, err := st.Import(context.Background(), ps); err != nil {
			t.Fatal(err)
		}
	}
	return New(Config{Searcher: Engine{testengine.Get(t)}, Pins: st}), st
}

// A paraphrase finds the pin through the engine's matcher, and a pin added
// afterwards is seen by the next question (the cache follows the store's
// version).
func TestPinFoundByParaphraseAndCacheFollowsTheStore(t *testing.T) {
	ctx := context.Background()
	s, st := newService(t, 0)
	ask := func(q string) *Answer {
		t.Helper()
		a, err := s.Ask(ctx, Request{Guild: "100000000000000001", Channel: "2", User: "3", Question: q, Private: true})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	if a := ask("did the city win the doj case"); a.Pin != nil {
		t.Fatalf("no pins yet, got %+v", a.Pin)
	}
	res, _ := testengine.Get(t).Search("Was the lawsuit against the ordinance dismissed?", 3, 0)
	p := PinFromResult("Was the lawsuit against the ordinance dismissed?", res)
	p.Guild = "100000000000000001"
	added, err := st.Add(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if a := ask("did the city win the doj case"); a.Pin == nil || a.Pin.ID != added.ID {
		t.Fatalf("paraphrase did not get the pin added before it: %+v", a.Pin)
	}
	if a := ask("how do i pay a parking ticket"); a.Pin != nil {
		t.Fatalf("an unrelated question got pin %s", a.Pin.ID)
	}
	if got := s.PinnedQuestions(ctx, "100000000000000001", "lawsuit"); len(got) != 1 {
		t.Fatalf("autocomplete of pinned questions: %v", got)
	}
	if _, err := st.Remove(ctx, "100000000000000001", added.ID); err != nil {
		t.Fatal(err)
	}
	if a := ask("did the city win the doj case"); a.Pin != nil {
		t.Fatalf("a removed pin is still shown: %s", a.Pin.ID)
	}
}

// BenchmarkMatchPin is the cost of choosing a pin for one question at the
// per-server cap, once the matcher is built (README, "Pinned answers").
func BenchmarkMatchPin(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s, _ := newService(b, n)
			ctx := context.Background()
			res, _ := testengine.Get(b).Search("did the city win the doj case", 3, 0)
			s.matchPin(ctx, "100000000000000001", "did the city win the doj case", res) // builds the matcher
			b.ResetTimer()
			for b.Loop() {
				s.matchPin(ctx, "100000000000000001", "did the city win the doj case", res)
			}
		})
	}
}
