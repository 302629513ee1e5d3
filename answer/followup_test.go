package answer

import (
	"context"
	"strings"
	"testing"
)

// A reply to the bot's answer carries the question it answered: a
// follow-up too short on words of its own is searched with it, and the
// answer shows (and pages on) what was searched. Chat, predictions and
// other matters stay refused whatever they follow, and a question that
// is answered on its own is not changed.
func TestFollowUpIsSearchedWithTheQuestionItFollows(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t, 0)
	ask := func(q, follows string) *Answer {
		t.Helper()
		a, err := s.Ask(ctx, Request{Guild: "100000000000000001", Channel: "2", User: "3", Question: q, Context: follows, Private: true})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	const before = "what can't city workers do under the ordinance"
	const follow = "what about firefighters and paramedics"
	if a := ask(follow, ""); a.Result.Answered {
		t.Fatalf("%q answered on its own; the test needs a follow-up that is not", follow)
	}
	a := ask(follow, before)
	if !a.Result.Answered || a.Question != FollowUp(before, follow) {
		t.Fatalf("with the question it follows: answered %v, question %q", a.Result.Answered, a.Question)
	}
	for _, q := range []string{"thanks, that helped a lot", "will the supreme court strike it down next year", "what's the weather this weekend"} {
		if a := ask(q, before); a.Result.Answered {
			t.Errorf("%q after %q answered with %s, want refused", q, before, a.Result.Hits[0].Passage.ID)
		}
	}
	own := "when did the council first vote on the ordinance"
	if a := ask(own, before); a.Question != own {
		t.Errorf("a question answered on its own became %q", a.Question)
	}
	if long := FollowUp(strings.Repeat("why ", 400), strings.Repeat("what ", 400)); len([]rune(long)) > MaxQuestion {
		t.Errorf("follow-up of %d runes, want at most %d", len([]rune(long)), MaxQuestion)
	}
}

// Earlier, the lookup of the answer a message follows when it replies to
// nothing, costs a request to Discord: it is made only for a question
// that finds nothing alone, and what it finds is used as Context is.
func TestEarlierIsLookedUpOnlyWhenNeeded(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t, 0)
	calls := 0
	earlier := func(context.Context) string { calls++; return "what can't city workers do under the ordinance" }
	ask := func(q string) *Answer {
		t.Helper()
		a, err := s.Ask(ctx, Request{Guild: "100000000000000001", Channel: "2", User: "3", Question: q, Earlier: earlier, Private: true})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	if a := ask("when did the council first vote on the ordinance"); calls != 0 || a.Question != "when did the council first vote on the ordinance" {
		t.Errorf("a question answered alone looked back %d times, became %q", calls, a.Question)
	}
	if a := ask("what about firefighters and paramedics"); calls != 1 || !a.Result.Answered || !strings.HasPrefix(a.Question, "what can't city workers do") {
		t.Errorf("a follow-up: looked back %d times, answered %v as %q", calls, a.Result.Answered, a.Question)
	}
	if a := ask("thanks, that helped a lot"); calls != 1 || a.Result.Answered {
		t.Errorf("chat looked back (%d) or was answered (%v)", calls, a.Result.Answered)
	}
}
