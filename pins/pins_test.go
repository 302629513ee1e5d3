package pins

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pins.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestPinsArePerGuildAndSurviveReopen(t *testing.T) {
	s, path := open(t)
	p, err := s.Add(Pin{Guild: "1", Questions: []string{" Is it law? ", "is it LAW?", "when was it signed"}, Answer: "Yes, since December 2024.", PinnedBy: "9"})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "p1" || len(p.Questions) != 2 {
		t.Fatalf("pin %+v: want id p1 and duplicate questions merged", p)
	}
	if _, err := s.Add(Pin{Guild: "2", Questions: []string{"other"}, Answer: "x"}); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.List("2"); len(ps) != 1 || ps[0].ID != "p1" {
		t.Fatalf("guild 2 sees %v", ps)
	}
	if _, err := s.Get("2", "p2"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("guild 2 reading a pin id it does not have: %v", err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Get("1", "p1")
	if err != nil || got.Answer != p.Answer || !got.PinnedAt.Equal(p.PinnedAt) {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	if s2.UserKey("42") != s.UserKey("42") {
		t.Fatal("the salt must persist, or votes would double after a restart")
	}
}

func TestPinValidation(t *testing.T) {
	s, _ := open(t)
	for name, p := range map[string]Pin{
		"no question":   {Guild: "1", Questions: []string{"  "}, Answer: "a"},
		"no answer":     {Guild: "1", Questions: []string{"q"}, Answer: " \n "},
		"long answer":   {Guild: "1", Questions: []string{"q"}, Answer: strings.Repeat("a", MaxAnswerLen+1)},
		"long question": {Guild: "1", Questions: []string{strings.Repeat("q", MaxQuestionLen+1)}, Answer: "a"},
		"no guild":      {Questions: []string{"q"}, Answer: "a"},
	} {
		if _, err := s.Add(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", name, err)
		}
	}
	if ps, _ := s.List("1"); len(ps) != 0 {
		t.Fatalf("refused pins were stored: %v", ps)
	}
}

func TestUpdateRemoveUsed(t *testing.T) {
	s, _ := open(t)
	p, _ := s.Add(Pin{Guild: "1", Questions: []string{"q"}, Answer: "a"})
	if _, err := s.Update("1", p.ID, func(p *Pin) error { p.Answer = ""; return nil }); !errors.Is(err, ErrInvalid) {
		t.Fatalf("emptying the answer: %v", err)
	}
	if got, _ := s.Get("1", p.ID); got.Answer != "a" {
		t.Fatal("a refused update changed the pin")
	}
	s.Used("1", p.ID)
	s.Used("1", p.ID)
	if got, _ := s.Get("1", p.ID); got.Uses != 2 {
		t.Fatalf("uses %d", got.Uses)
	}
	if _, err := s.Remove("1", p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove("1", p.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second remove: %v", err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	s, _ := open(t)
	s.Add(Pin{Guild: "1", Questions: []string{"a?"}, Answer: "A", Citations: []string{"article-6"}})
	s.Add(Pin{Guild: "1", Questions: []string{"b?"}, Answer: "B"})
	s.Add(Pin{Guild: "2", Questions: []string{"c?"}, Answer: "C"})
	all, err := s.Export("")
	if err != nil || len(all) != 3 {
		t.Fatalf("export: %d, %v", len(all), err)
	}
	other, _ := open(t)
	if n, err := other.Import(all); err != nil || n != 3 {
		t.Fatalf("import: %d, %v", n, err)
	}
	back, _ := other.Export("")
	for i := range all {
		if all[i].ID != back[i].ID || all[i].Answer != back[i].Answer || all[i].Guild != back[i].Guild {
			t.Fatalf("round trip changed pin %d: %+v vs %+v", i, all[i], back[i])
		}
	}
	// A new pin after an import must not take an imported id.
	if p, _ := other.Add(Pin{Guild: "1", Questions: []string{"d?"}, Answer: "D"}); p.ID != "p3" {
		t.Fatalf("new pin after import got %s, want p3", p.ID)
	}
	bad := append(all, Pin{Guild: "1", ID: "x", Questions: []string{"q"}, Answer: "a"})
	fresh, _ := open(t)
	if _, err := fresh.Import(bad); err == nil {
		t.Fatal("a bad id was imported")
	}
	if ps, _ := fresh.Export(""); len(ps) != 0 {
		t.Fatal("a failed import left pins behind")
	}
}

func TestVotesOnePerUserHashed(t *testing.T) {
	s, _ := open(t)
	s.Vote("1", "Is it law?", "alice", true)
	s.Vote("1", "is it   law?", "alice", false) // changes her vote
	up, down, _ := s.Vote("1", "Is it law?", "bob", true)
	if up != 1 || down != 1 {
		t.Fatalf("votes %d up %d down, want 1 and 1", up, down)
	}
	if k := s.UserKey("alice"); strings.Contains(k, "alice") || len(k) != 32 {
		t.Fatalf("user key %q", k)
	}
}

func TestQueueGroupsRewordings(t *testing.T) {
	s, _ := open(t)
	same := func(a, b string) bool { return strings.Contains(a, "parking") && strings.Contains(b, "parking") }
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Enqueue("1", "what about parking tickets", ReasonNoAnswer, now, same)
	s.Enqueue("1", "parking fines?", ReasonNoAnswer, now.Add(time.Hour), same)
	s.Enqueue("1", "what about taxes", ReasonNoAnswer, now, same)
	e, _ := s.Enqueue("1", "is it law", ReasonNotHelpful, now, same)
	q, err := s.Queue("1", 10)
	if err != nil || len(q) != 3 {
		t.Fatalf("queue %v, %v", q, err)
	}
	if q[0].Count != 2 || len(q[0].Variants) != 1 || !q[0].LastAsked.Equal(now.Add(time.Hour)) {
		t.Fatalf("grouped entry %+v", q[0])
	}
	if e.Reason != ReasonNotHelpful {
		t.Fatalf("reason %s", e.Reason)
	}
	if err := s.Dismiss("1", q[0].ID); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.Queue("1", 10); len(q) != 2 {
		t.Fatalf("after dismiss: %v", q)
	}
	if q, _ := s.Queue("2", 10); len(q) != 0 {
		t.Fatal("another guild sees the queue")
	}
}
