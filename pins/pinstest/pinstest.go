// Package pinstest is the behaviour every pins.Store must have. A store's
// own tests call Run with a constructor of empty stores; a new backend is
// done when Run passes against it.
package pinstest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ordinancebot/pins"
)

// Run checks a store implementation. newStore returns an empty store and
// registers its own cleanup with t.
func Run(t *testing.T, newStore func(t *testing.T) pins.Store) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, newStore(t)) })
	}
}

var ctx = context.Background()

var cases = []struct {
	name string
	run  func(t *testing.T, s pins.Store)
}{
	{"add gives per-guild ids and merges duplicate questions", func(t *testing.T, s pins.Store) {
		p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{" Is it law? ", "is it LAW?", "when was it signed"}, Answer: "Yes, since December 2024.", PinnedBy: "9"})
		if p.ID != "p1" || len(p.Questions) != 2 || p.Questions[0] != "Is it law?" {
			t.Fatalf("pin %+v: want id p1 and duplicate questions merged", p)
		}
		if p.PinnedAt.IsZero() {
			t.Fatal("PinnedAt not set")
		}
		if q := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"b"}, Answer: "B"}); q.ID != "p2" {
			t.Fatalf("second pin id %s, want p2", q.ID)
		}
		got, err := s.Get(ctx, "1", "p1")
		if err != nil || got.Answer != p.Answer || !got.PinnedAt.Equal(p.PinnedAt) || got.PinnedBy != "9" {
			t.Fatalf("get: %+v, %v", got, err)
		}
	}},
	{"validation refuses and stores nothing", func(t *testing.T, s pins.Store) {
		for name, p := range map[string]pins.Pin{
			"no question":   {Guild: "1", Questions: []string{"  "}, Answer: "a"},
			"no answer":     {Guild: "1", Questions: []string{"q"}, Answer: " \n "},
			"long answer":   {Guild: "1", Questions: []string{"q"}, Answer: strings.Repeat("a", pins.MaxAnswerLen+1)},
			"long question": {Guild: "1", Questions: []string{strings.Repeat("q", pins.MaxQuestionLen+1)}, Answer: "a"},
			"no guild":      {Questions: []string{"q"}, Answer: "a"},
		} {
			if _, err := s.Add(ctx, p); !errors.Is(err, pins.ErrInvalid) {
				t.Errorf("%s: err %v, want ErrInvalid", name, err)
			}
		}
		if ps, err := s.List(ctx, "1"); err != nil || len(ps) != 0 {
			t.Fatalf("refused pins were stored: %v, %v", ps, err)
		}
	}},
	{"edit is validated and atomic", func(t *testing.T, s pins.Store) {
		p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"q"}, Answer: "a"})
		if _, err := s.Update(ctx, "1", p.ID, func(p *pins.Pin) error { p.Answer = ""; return nil }); !errors.Is(err, pins.ErrInvalid) {
			t.Fatalf("emptying the answer: %v", err)
		}
		boom := errors.New("boom")
		if _, err := s.Update(ctx, "1", p.ID, func(p *pins.Pin) error { p.Answer = "changed"; return boom }); !errors.Is(err, boom) {
			t.Fatalf("fn's error: %v", err)
		}
		if got, _ := s.Get(ctx, "1", p.ID); got.Answer != "a" {
			t.Fatal("a refused update changed the pin")
		}
		got, err := s.Update(ctx, "1", p.ID, func(p *pins.Pin) error { p.Answer, p.EditedBy = "b", "7"; return nil })
		if err != nil || got.Answer != "b" || got.EditedBy != "7" {
			t.Fatalf("update: %+v, %v", got, err)
		}
		if _, err := s.Update(ctx, "1", "p99", func(*pins.Pin) error { return nil }); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("update of an unknown pin: %v", err)
		}
	}},
	{"used counts uses", func(t *testing.T, s pins.Store) {
		p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"q"}, Answer: "a"})
		s.Used(ctx, "1", p.ID)
		s.Used(ctx, "1", p.ID)
		if got, _ := s.Get(ctx, "1", p.ID); got.Uses != 2 {
			t.Fatalf("uses %d", got.Uses)
		}
		if err := s.Used(ctx, "1", "p99"); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("use of an unknown pin: %v", err)
		}
	}},
	{"remove returns the pin once", func(t *testing.T, s pins.Store) {
		p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"q"}, Answer: "a"})
		got, err := s.Remove(ctx, "1", p.ID)
		if err != nil || got.Answer != "a" {
			t.Fatalf("remove: %+v, %v", got, err)
		}
		if _, err := s.Remove(ctx, "1", p.ID); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("second remove: %v", err)
		}
		if _, err := s.Get(ctx, "1", p.ID); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("get after remove: %v", err)
		}
	}},
	{"list is oldest first and never nil", func(t *testing.T, s pins.Store) {
		if ps, err := s.List(ctx, "1"); err != nil || ps == nil {
			t.Fatalf("empty list: %#v, %v", ps, err)
		}
		for i := 0; i < 11; i++ {
			mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"q" + strings.Repeat("x", i)}, Answer: "a"})
		}
		ps, _ := s.List(ctx, "1")
		if len(ps) != 11 || ps[1].ID != "p2" || ps[10].ID != "p11" {
			t.Fatalf("list order: %v", ids(ps))
		}
	}},
	{"guilds are isolated", func(t *testing.T, s pins.Store) {
		mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"q"}, Answer: "a"})
		mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"r"}, Answer: "b"})
		mustAdd(t, s, pins.Pin{Guild: "2", Questions: []string{"other"}, Answer: "x"})
		if ps, _ := s.List(ctx, "2"); len(ps) != 1 || ps[0].ID != "p1" || ps[0].Answer != "x" {
			t.Fatalf("guild 2 sees %v", ps)
		}
		if _, err := s.Get(ctx, "2", "p2"); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("guild 2 reading a pin id it does not have: %v", err)
		}
		if _, err := s.Remove(ctx, "2", "p2"); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("guild 2 removing guild 1's pin: %v", err)
		}
		s.Vote(ctx, "1", "q", "alice", true)
		if up, down, _ := s.Votes(ctx, "2", "q"); up+down != 0 {
			t.Fatal("guild 2 sees guild 1's votes")
		}
		e, _ := s.Enqueue(ctx, "1", pins.Queued{Question: "taxes", Reason: pins.ReasonNoAnswer, At: time.Now()})
		if q, _ := s.Queue(ctx, "2", 10); len(q) != 0 {
			t.Fatal("guild 2 sees guild 1's queue")
		}
		if err := s.Dismiss(ctx, "2", e.ID); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("guild 2 dismissing guild 1's entry: %v", err)
		}
	}},
	{"one vote per user", func(t *testing.T, s pins.Store) {
		s.Vote(ctx, "1", "Is it law?", "alice", true)
		s.Vote(ctx, "1", "is it   law?", "alice", false) // changes her vote
		up, down, err := s.Vote(ctx, "1", "Is it law?", "bob", true)
		if err != nil || up != 1 || down != 1 {
			t.Fatalf("votes %d up %d down (%v), want 1 and 1", up, down, err)
		}
		if up, down, _ := s.Votes(ctx, "1", "IS IT LAW?"); up != 1 || down != 1 {
			t.Fatalf("totals %d/%d", up, down)
		}
		if up, down, _ := s.Votes(ctx, "1", "is it law yet"); up+down != 0 {
			t.Fatal("another question shares the votes")
		}
	}},
	{"queue groups rewordings", func(t *testing.T, s pins.Store) {
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		first := mustEnqueue(t, s, pins.Queued{Question: "what about parking tickets", Reason: pins.ReasonNoAnswer, At: now})
		mustEnqueue(t, s, pins.Queued{Question: "parking fines?", Reason: pins.ReasonNoAnswer, At: now.Add(time.Hour), Rewords: first.ID})
		mustEnqueue(t, s, pins.Queued{Question: "WHAT about parking   tickets", Reason: pins.ReasonNoAnswer, At: now.Add(time.Minute)})
		mustEnqueue(t, s, pins.Queued{Question: "what about taxes", Reason: pins.ReasonNoAnswer, At: now})
		e := mustEnqueue(t, s, pins.Queued{Question: "is it law", Reason: pins.ReasonNotHelpful, At: now})
		q, err := s.Queue(ctx, "1", 10)
		if err != nil || len(q) != 3 {
			t.Fatalf("queue %v, %v", q, err)
		}
		if q[0].ID != first.ID || q[0].Count != 3 || len(q[0].Variants) != 1 || !q[0].LastAsked.Equal(now.Add(time.Minute)) || !q[0].FirstAsked.Equal(now) {
			t.Fatalf("grouped entry %+v", q[0])
		}
		if e.Reason != pins.ReasonNotHelpful {
			t.Fatalf("reason %s", e.Reason)
		}
		if q, _ := s.Queue(ctx, "1", 2); len(q) != 2 {
			t.Fatalf("queue of 2: %v", q)
		}
		if q, _ := s.Queue(ctx, "1", 0); len(q) != 3 {
			t.Fatalf("whole queue: %v", q)
		}
		// A not-helpful vote outweighs the earlier "no answer".
		if e := mustEnqueue(t, s, pins.Queued{Question: "what about taxes", Reason: pins.ReasonNotHelpful, At: now}); e.Reason != pins.ReasonNotHelpful || e.Count != 2 {
			t.Fatalf("requeued %+v", e)
		}
		if got, err := s.QueueEntry(ctx, "1", first.ID); err != nil || got.Count != 3 {
			t.Fatalf("entry: %+v, %v", got, err)
		}
		if err := s.Dismiss(ctx, "1", first.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Dismiss(ctx, "1", first.ID); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("second dismiss: %v", err)
		}
		// Rewording a dismissed entry starts a new one.
		if e := mustEnqueue(t, s, pins.Queued{Question: "parking fines", Reason: pins.ReasonNoAnswer, At: now, Rewords: first.ID}); e.ID == first.ID || e.Count != 1 {
			t.Fatalf("after dismiss: %+v", e)
		}
		if _, err := s.Enqueue(ctx, "1", pins.Queued{Question: " \n ", Reason: pins.ReasonNoAnswer, At: now}); !errors.Is(err, pins.ErrInvalid) {
			t.Fatalf("empty question: %v", err)
		}
		long := mustEnqueue(t, s, pins.Queued{Question: strings.Repeat("é", pins.MaxQuestionLen+50), Reason: pins.ReasonNoAnswer, At: now})
		if n := len([]rune(long.Question)); n != pins.MaxQuestionLen {
			t.Fatalf("long question kept %d runes", n)
		}
	}},
	{"queue counts each member once per question", func(t *testing.T, s pins.Store) {
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var e pins.Entry
		for k := 0; k < 30; k++ { // one member clicking "Not helpful" 30 times
			e = mustEnqueue(t, s, pins.Queued{Question: "is it law", Reason: pins.ReasonNotHelpful, At: now.Add(time.Duration(k) * time.Second), User: "alice"})
		}
		if e.Count != 1 {
			t.Fatalf("one member asking 30 times counted %d times", e.Count)
		}
		// Her rewording of it, on the entry, is still her.
		e = mustEnqueue(t, s, pins.Queued{Question: "is it a law now", Reason: pins.ReasonNoAnswer, At: now, User: "alice", Rewords: e.ID})
		if e.Count != 1 {
			t.Fatalf("a member's rewording counted again: %d", e.Count)
		}
		e = mustEnqueue(t, s, pins.Queued{Question: "IS IT LAW", Reason: pins.ReasonNoAnswer, At: now.Add(time.Hour), User: "bob"})
		if e.Count != 2 || !e.LastAsked.Equal(now.Add(time.Hour)) || e.Reason != pins.ReasonNotHelpful {
			t.Fatalf("a second member: %+v, want count 2, last asked by bob, still not helpful", e)
		}
		// Counted per entry: alice asking another question counts there.
		if o := mustEnqueue(t, s, pins.Queued{Question: "taxes", Reason: pins.ReasonNoAnswer, At: now, User: "alice"}); o.Count != 1 || o.ID == e.ID {
			t.Fatalf("another question of alice's: %+v", o)
		}
		// A dismissed entry forgets who asked it: asked again, it counts.
		if err := s.Dismiss(ctx, "1", e.ID); err != nil {
			t.Fatal(err)
		}
		if again := mustEnqueue(t, s, pins.Queued{Question: "is it law", Reason: pins.ReasonNoAnswer, At: now, User: "alice"}); again.Count != 1 || again.ID == e.ID {
			t.Fatalf("after dismissal: %+v", again)
		}
		// Votes, too, are one per member (see "one vote per user").
		for k := 0; k < 30; k++ {
			s.Vote(ctx, "1", "is it law", "alice", false)
		}
		if up, down, _ := s.Votes(ctx, "1", "is it law"); up != 0 || down != 1 {
			t.Fatalf("30 votes of one member: %d up, %d down", up, down)
		}
	}},
	{"queue is capped: the least asked, then the oldest, goes", func(t *testing.T, s pins.Store) {
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		at := func(k int) time.Time { return start.Add(time.Duration(k) * time.Minute) }
		var first, second pins.Entry
		for k := 0; k < pins.MaxQueue; k++ {
			e := mustEnqueue(t, s, pins.Queued{Question: fmt.Sprintf("question number %d", k), Reason: pins.ReasonNoAnswer, At: at(k), User: "u"})
			switch k {
			case 0:
				first = e
			case 1:
				second = e
			}
		}
		// The oldest is asked again by someone else: now the second
		// oldest is the least asked and oldest.
		mustEnqueue(t, s, pins.Queued{Question: "question number 0", Reason: pins.ReasonNoAnswer, At: at(0), User: "v"})
		if q, _ := s.Queue(ctx, "1", 0); len(q) != pins.MaxQueue {
			t.Fatalf("queue of %d after %d questions", len(q), pins.MaxQueue)
		}
		mustEnqueue(t, s, pins.Queued{Question: "one question too many", Reason: pins.ReasonNoAnswer, At: at(pins.MaxQueue), User: "u"})
		q, err := s.Queue(ctx, "1", 0)
		if err != nil || len(q) != pins.MaxQueue {
			t.Fatalf("queue of %d (%v) past the cap, want %d", len(q), err, pins.MaxQueue)
		}
		if _, err := s.QueueEntry(ctx, "1", second.ID); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("the least asked, oldest entry was kept: %v", err)
		}
		if e, err := s.QueueEntry(ctx, "1", first.ID); err != nil || e.Count != 2 {
			t.Fatalf("the entry asked twice was evicted: %+v, %v", e, err)
		}
		// The evicted question asked again starts afresh.
		if e := mustEnqueue(t, s, pins.Queued{Question: "question number 1", Reason: pins.ReasonNoAnswer, At: at(pins.MaxQueue + 1), User: "u"}); e.ID == second.ID || e.Count != 1 {
			t.Fatalf("an evicted question asked again: %+v", e)
		}
		if q, _ := s.Queue(ctx, "1", 0); len(q) != pins.MaxQueue {
			t.Fatalf("queue of %d, want %d", len(q), pins.MaxQueue)
		}
		// Another guild's queue is its own.
		if e, err := s.Enqueue(ctx, "2", pins.Queued{Question: "question number 5", Reason: pins.ReasonNoAnswer, At: start}); err != nil || e.Count != 1 {
			t.Fatalf("guild 2: %+v, %v", e, err)
		}
		if q, _ := s.Queue(ctx, "1", 0); len(q) != pins.MaxQueue {
			t.Fatalf("guild 2's entry changed guild 1's queue: %d", len(q))
		}
	}},
	{"pins are capped per server, and said so", func(t *testing.T, s pins.Store) {
		full := make([]pins.Pin, pins.MaxPins)
		for k := range full {
			full[k] = pins.Pin{Guild: "1", ID: fmt.Sprintf("p%d", k+1), Questions: []string{fmt.Sprintf("q%d", k)}, Answer: "a", PinnedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		}
		if n, err := s.Import(ctx, full); err != nil || n != pins.MaxPins {
			t.Fatalf("import of %d pins: %d, %v", pins.MaxPins, n, err)
		}
		_, err := s.Add(ctx, pins.Pin{Guild: "1", Questions: []string{"one more"}, Answer: "a"})
		var inv *pins.InvalidError
		if !errors.Is(err, pins.ErrTooManyPins) || !errors.As(err, &inv) || !strings.Contains(inv.Reason, "1,000") || !strings.Contains(inv.Reason, "/pin remove") {
			t.Fatalf("pin %d: %v, want ErrTooManyPins saying the cap and what to do", pins.MaxPins+1, err)
		}
		if ps, _ := s.List(ctx, "1"); len(ps) != pins.MaxPins {
			t.Fatalf("%d pins after a refused Add", len(ps))
		}
		// Another server is not affected.
		mustAdd(t, s, pins.Pin{Guild: "2", Questions: []string{"q"}, Answer: "a"})
		// An import past the cap is refused whole; replacing pins is not adding.
		if _, err := s.Import(ctx, []pins.Pin{{Guild: "1", ID: "p1001", Questions: []string{"x"}, Answer: "a"}}); !errors.Is(err, pins.ErrTooManyPins) {
			t.Fatalf("import past the cap: %v", err)
		}
		if _, err := s.Get(ctx, "1", "p1001"); !errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("a refused import left its pin: %v", err)
		}
		if _, err := s.Import(ctx, full[:2]); err != nil {
			t.Fatalf("re-importing pins the server has: %v", err)
		}
		// Room made, a pin fits again.
		if _, err := s.Remove(ctx, "1", "p7"); err != nil {
			t.Fatal(err)
		}
		mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"one more"}, Answer: "a"})
	}},
	{"export and import round trip", func(t *testing.T, s pins.Store) {
		mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"a?"}, Answer: "A", Citations: []string{"article-6"}})
		mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"b?"}, Answer: "B"})
		mustAdd(t, s, pins.Pin{Guild: "2", Questions: []string{"c?"}, Answer: "C"})
		if one, err := s.Export(ctx, "1"); err != nil || len(one) != 2 {
			t.Fatalf("export of guild 1: %d, %v", len(one), err)
		}
		all, err := s.Export(ctx, "")
		if err != nil || len(all) != 3 {
			t.Fatalf("export: %d, %v", len(all), err)
		}
		for _, p := range all {
			if _, err := s.Remove(ctx, p.Guild, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		all[0].Answer = "A, restored"
		if n, err := s.Import(ctx, all); err != nil || n != 3 {
			t.Fatalf("import: %d, %v", n, err)
		}
		if n, err := s.Import(ctx, all[:1]); err != nil || n != 1 {
			t.Fatalf("import replacing a pin: %d, %v", n, err)
		}
		back, _ := s.Export(ctx, "")
		if len(back) != 3 {
			t.Fatalf("after import %d pins", len(back))
		}
		byKey := map[string]pins.Pin{}
		for _, p := range back {
			byKey[p.Guild+"/"+p.ID] = p
		}
		for _, p := range all {
			if got := byKey[p.Guild+"/"+p.ID]; got.Answer != p.Answer || len(got.Citations) != len(p.Citations) {
				t.Fatalf("round trip changed pin %s/%s: %+v", p.Guild, p.ID, got)
			}
		}
		// A new pin after an import must not take an imported id.
		if p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"d?"}, Answer: "D"}); p.ID != "p3" {
			t.Fatalf("new pin after import got %s, want p3", p.ID)
		}
	}},
	{"import is all or nothing", func(t *testing.T, s pins.Store) {
		good := pins.Pin{Guild: "1", ID: "p4", Questions: []string{"q"}, Answer: "a"}
		for name, bad := range map[string]pins.Pin{
			"bad id":    {Guild: "1", ID: "x", Questions: []string{"q"}, Answer: "a"},
			"no answer": {Guild: "1", ID: "p5", Questions: []string{"q"}},
			"no guild":  {ID: "p5", Questions: []string{"q"}, Answer: "a"},
		} {
			if _, err := s.Import(ctx, []pins.Pin{good, bad}); err == nil {
				t.Errorf("%s: imported", name)
			}
		}
		if ps, _ := s.Export(ctx, ""); len(ps) != 0 {
			t.Fatalf("a failed import left pins behind: %v", ids(ps))
		}
		if p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"q"}, Answer: "a"}); p.ID != "p1" {
			t.Fatalf("a failed import moved the id sequence: %s", p.ID)
		}
	}},
	{"the pins version moves on every pin write, not on a use or a vote", func(t *testing.T, s pins.Store) {
		v, ok := s.(pins.Versioner)
		if !ok {
			t.Skip("store keeps no pins version")
		}
		version := func() string {
			t.Helper()
			got, err := v.PinsVersion(ctx, "1")
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		seen := map[string]bool{version(): true}
		moved := func(what string) {
			t.Helper()
			got := version()
			if seen[got] {
				t.Fatalf("after %s the version is %q again", what, got)
			}
			seen[got] = true
		}
		p := mustAdd(t, s, pins.Pin{Guild: "1", Questions: []string{"is it law"}, Answer: "Yes."})
		moved("add")
		if _, err := s.Update(ctx, "1", p.ID, func(p *pins.Pin) error { p.Answer = "Yes, since 2024."; return nil }); err != nil {
			t.Fatal(err)
		}
		moved("edit")
		before := version()
		if err := s.Used(ctx, "1", p.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Vote(ctx, "1", "is it law", "7", true); err != nil {
			t.Fatal(err)
		}
		if got := version(); got != before {
			t.Fatalf("a use or a vote moved the version: %q → %q", before, got)
		}
		mustAdd(t, s, pins.Pin{Guild: "2", Questions: []string{"other guild"}, Answer: "x"})
		if _, err := s.Import(ctx, []pins.Pin{{ID: "p9", Guild: "1", Questions: []string{"imported"}, Answer: "z"}}); err != nil {
			t.Fatal(err)
		}
		moved("import")
		if _, err := s.Remove(ctx, "1", p.ID); err != nil {
			t.Fatal(err)
		}
		moved("remove")
	}},
}

func mustAdd(t *testing.T, s pins.Store, p pins.Pin) pins.Pin {
	t.Helper()
	got, err := s.Add(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func mustEnqueue(t *testing.T, s pins.Store, q pins.Queued) pins.Entry {
	t.Helper()
	e, err := s.Enqueue(ctx, "1", q)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ids(ps []pins.Pin) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Guild+"/"+p.ID)
	}
	return out
}
