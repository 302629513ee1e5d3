package index

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type paraphraseSet struct {
	pinned      []string
	paraphrases [][]string
	unrelated   []string
}

func loadParaphrases(t *testing.T, name string) paraphraseSet {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var set paraphraseSet
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct {
			Pinned      string   `json:"pinned"`
			Paraphrases []string `json:"paraphrases"`
			Unrelated   []string `json:"unrelated"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		if l.Pinned != "" {
			set.pinned = append(set.pinned, l.Pinned)
			set.paraphrases = append(set.paraphrases, l.Paraphrases)
		}
		set.unrelated = append(set.unrelated, l.Unrelated...)
	}
	return set
}

// pinsFor pins each question as the "Pin answer" button does: the bot's
// own answer, its passages as citations.
func pinsFor(t *testing.T, e *Engine, questions []string) []PinDoc {
	var docs []PinDoc
	for i, q := range questions {
		res, err := e.Search(q, 3, 0)
		if err != nil || !res.Answered {
			t.Fatalf("pinned question %q is not answered: %v", q, err)
		}
		d := PinDoc{ID: "p" + string(rune('a'+i)), Questions: []string{q}}
		for _, h := range res.Hits {
			d.Answer += h.Passage.Label + ": " + h.Passage.Text + "\n"
			d.Citations = append(d.Citations, h.Passage.ID)
		}
		docs = append(docs, d)
	}
	return docs
}

// TestPinParaphrases is the pin-matching figure of README, "Pinned
// answers": paraphrases find their own pin, never another, and unrelated
// questions find none.
func TestPinParaphrases(t *testing.T) {
	e := testEngine(t)
	set := loadParaphrases(t, "pin-paraphrases.jsonl")
	recall, wrong, unrelatedPinned := pinFigures(t, e, set)
	// Floors under today's figures (the target for own pins is
	// 0.90). Since the other-fact penalty (sixth session of 2026-12-02)
	// one unrelated question gets a pin here, at 0.82 ("did la lose
	// federal funding" the one on the lawsuit's dismissal), for fewer
	// wrong and more own pins on every other set (README).
	if recall < 0.79 || wrong > 0.02 || unrelatedPinned > 1 {
		t.Errorf("pin matching regressed: own %.3f (floor 0.79), another %.3f (≤ 0.02), unrelated %d (≤ 1)", recall, wrong, unrelatedPinned)
	}
}

// TestPinParaphrasesHeldOut is the same on sets written by people who had
// seen neither the matcher nor the first set, after its weights were set
// (README, "Pinned answers"): how the matcher does on pins nobody fit it
// to. The second set has been in view for two changes since (the
// first-citation bonus and the kind and number conflicts), the third for
// the conflicts only (its rows were seen, nothing was fit on it), the
// fourth and fifth for none. Far below the first set; the floors only catch a
// regression. (Three were moved by one question each, on purpose, by the
// English irregular verb forms: a search change that gained five questions
// on the check sets gave set 2 one more wrong pin, set 4 one more
// unrelated question with a pin, set 5 two fewer paraphrases, set 3 one
// more; see README, "Pinned answers". And set 6's unrelated questions by
// one, by the unconfirmed-section prior: +7 Spanish questions at R@1 on
// the check sets; "which lausd board president brought the sanctuary
// resolution" now has the pin's passage among its first three and gets
// the pin about the superintendent's plan at 1.01, just over the line.
// Raised in the fifth session of 2026-12-02, when the court-is-the-judge
// and "to court", "original motion" and "any case where" vocabulary gave
// sets 3-6 one to four own pins each.)
func TestPinParaphrasesHeldOut(t *testing.T) {
	e := testEngine(t)
	for _, c := range []struct {
		name            string
		own, other      float64
		unrelatedPinned int
	}{
		{"pin-paraphrases-2.jsonl", 0.44, 0.03, 2},
		{"pin-paraphrases-3.jsonl", 0.56, 0.03, 1},
		{"pin-paraphrases-4.jsonl", 0.43, 0.03, 3},
		{"pin-paraphrases-5.jsonl", 0.68, 0.01, 3},
		{"pin-paraphrases-6.jsonl", 0.74, 0.05, 1},
		// Written late in the fifth session of 2026-12-02, unseen until
		// scored: 0.521 / 0 / 3, the session-start build the same.
		// (Unrelated 3 -> 2 when months and which of a series became
		// numbers of their own sort, ninth session (2026-12-03).)
		{"pin-paraphrases-7.jsonl", 0.58, 0.01, 2},
		// Written at the start of the sixth session, unseen until scored:
		// 0.646 / 0.062 / 2 before the other-fact penalty and the
		// 0.8 / 0.25 threshold and margin, chosen on sets 1-7 before it
		// was scored, 0.750 / 0 / 3 after.
		{"pin-paraphrases-8.jsonl", 0.75, 0.01, 3},
		// Written later in that session, after the penalty and this
		// session's search changes, unseen until scored: 0.708 / 0 / 1
		// (the session-start build 0.646 / 0 / 1).
		{"pin-paraphrases-9.jsonl", 0.74, 0.01, 1},
		// Written at the start of the seventh session, unseen until
		// scored: 0.542 / 0.042 / 2, the session-start build the same.
		// (Unrelated 2 -> 1 when asking how to join something became advice,
		// which an ordinary pin does not answer.)
		// (Another pin 0.042 -> 0.021 with the months and series.)
		{"pin-paraphrases-10.jsonl", 0.54, 0.03, 1},
		// Written at the start of the ninth session (2026-12-03), unseen until scored:
		// 0.583 / 0.104 / 0, the session-start build the same. Three of
		// its five wrong pins were a question on one vote (or month)
		// given the pin on the other: months and which of a series
		// (first, final, second) became numbers of their own sort, 0.583
		// / 0.062 / 0.
		{"pin-paraphrases-11.jsonl", 0.58, 0.07, 0},
		// Written at the start of the twelfth session (2026-12-05), unseen
		// until scored: 0.583 / 0 / 3. (0.562 since "detainer" got a stem
		// of its own apart from "detain" in the fourteenth session, +3 at
		// R@1 over the English check sets: the paraphrase asking about
		// "hold requests" no longer reaches the pin's words.)
		{"pin-paraphrases-12.jsonl", 0.56, 0.01, 3},
		// Written late in the fourteenth session (2026-12-06), after its
		// changes, unseen until scored: 0.479 / 0 / 4 (the session-start
		// build 0.417 / 0 / 4).
		{"pin-paraphrases-13.jsonl", 0.47, 0.01, 4},
		// Written at the start of the fifteenth session (2026-12-06),
		// unseen until scored: 0.625 / 0.021 / 0.
		{"pin-paraphrases-14.jsonl", 0.62, 0.03, 0},
		// Written late in the fifteenth session, after its changes, unseen
		// until scored: 0.542 / 0.042 / 1, the session-start build the same.
		{"pin-paraphrases-15.jsonl", 0.54, 0.05, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			recall, wrong, unrelatedPinned := pinFigures(t, e, loadParaphrases(t, c.name))
			if recall < c.own || wrong > c.other || unrelatedPinned > c.unrelatedPinned {
				t.Errorf("pin matching regressed: own %.3f (floor %.2f), another %.3f (≤ %.2f), unrelated %d (≤ %d)",
					recall, c.own, wrong, c.other, unrelatedPinned, c.unrelatedPinned)
			}
		})
	}
}

// pinFigures pins each pinned question as the Pin answer button does and
// reports the share of paraphrases that get their own pin, the share that
// get another, and how many unrelated questions get one; it logs each miss.
func pinFigures(t *testing.T, e *Engine, set paraphraseSet) (recall, wrong float64, unrelatedPinned int) {
	t.Helper()
	docs := pinsFor(t, e, set.pinned)
	m := e.PinMatcher(docs)
	var n, own, other int
	for i, ps := range set.paraphrases {
		for _, q := range ps {
			n++
			res, _ := e.Search(q, 3, 0)
			got, ok := m.Match(q, res)
			switch {
			case ok && got.ID == docs[i].ID:
				own++
			case ok:
				other++
				t.Logf("wrong pin: %q got %q (%.2f), want %q", q, set.pinned[got.ID[1]-'a'], got.Score, set.pinned[i])
			default:
				t.Logf("no pin: %q (want %q)", q, set.pinned[i])
			}
		}
	}
	for _, q := range set.unrelated {
		res, _ := e.Search(q, 3, 0)
		if got, ok := m.Match(q, res); ok {
			unrelatedPinned++
			t.Logf("unrelated %q got pin %q (%.2f)", q, set.pinned[got.ID[1]-'a'], got.Score)
		}
	}
	recall, wrong = float64(own)/float64(n), float64(other)/float64(n)
	t.Logf("pins: %d paraphrases of %d pinned questions: own pin %.3f, another pin %.3f; %d of %d unrelated got a pin",
		n, len(docs), recall, wrong, unrelatedPinned, len(set.unrelated))
	// The pinned questions themselves, verbatim, find their pin.
	for i, q := range set.pinned {
		res, _ := e.Search(q, 3, 0)
		if got, ok := m.Match(q, res); !ok || got.ID != docs[i].ID {
			t.Errorf("pinned question %q does not find its own pin", q)
		}
	}
	return recall, wrong, unrelatedPinned
}

// TestPinOtherMatters: a question the search turns down as being about
// another matter gets no pin for the words it shares with one, but a
// moderator's own pin on such a matter is found by questions naming it;
// and a question about another fact of a pin's passages scores below the
// pin's own question.
func TestPinOtherMatters(t *testing.T) {
	e := testEngine(t)
	docs := pinsFor(t, e, []string{"When did the City Council give final approval to the sanctuary ordinance, and by what vote?"})
	docs = append(docs, PinDoc{ID: "lawyer", Questions: []string{"Where can I find an immigration lawyer?"},
		Answer: "Ask in #resources: the pinned list of free legal clinics."})
	// pinned checks each question's pin: want "" for none.
	pinned := func(m *PinMatcher, cases [][2]string) {
		t.Helper()
		for _, c := range cases {
			q, want := c[0], c[1]
			res, err := e.Search(q, 3, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := m.Match(q, res)
			if want == "" && ok {
				t.Errorf("%q got pin %q (%.2f), want none", q, got.ID, got.Score)
			}
			if want != "" && (!ok || got.ID != want) {
				t.Errorf("%q got pin %q (%v), want %q", q, got.ID, ok, want)
			}
		}
	}
	pinned(e.PinMatcher(docs), [][2]string{
		{"does chicago have a sanctuary ordinance too, and when was it passed?", ""},
		{"where do i find an immigration lawyer", "lawyer"},
		{"when was the sanctuary ordinance finally approved and what was the vote", docs[0].ID},
	})
	// Asking what to do is another matter too, with no off-scope word to
	// name it: an ordinary pin does not answer it, a moderator's pin that
	// asks it does.
	gop := pinsFor(t, e, []string{"What did the Los Angeles County Republican Party say about the ordinance?"})
	gop = append(gop, PinDoc{ID: "door", Questions: []string{"What should I do if ICE comes to my door?"},
		Answer: "See the know-your-rights card pinned in #resources."})
	pinned(e.PinMatcher(gop), [][2]string{
		{"how do i become a volunteer for the los angeles county republican party?", ""},
		{"what should i do if ice comes to my door", "door"},
		{"what did the county republican party say about the ordinance", gop[0].ID},
	})
	// Who seconded the motion is in the passage of the pin on who
	// introduced it, and in none of its questions' words.
	intro := pinsFor(t, e, []string{"Which council members introduced the original 2023 sanctuary motion?"})
	pm := e.PinMatcher(intro)
	l := e.lang("en")
	for _, c := range []struct {
		q    string
		more bool // asks about another fact of the passages
	}{
		{"Which council members introduced the original 2023 sanctuary motion?", false},
		{"who seconded the 2023 sanctuary motion?", true},
	} {
		qa, _ := l.pinQuestion(c.q)
		other := l.asksOther(qa, pm.pins[0].asks["en"], pm.pins[0].cited["en"])
		if (other > 0) != c.more {
			t.Errorf("%q: other-fact share %.2f, want > 0: %v", c.q, other, c.more)
		}
	}
	// A question naming another law asks about that law, unless the pin
	// or its passages name it too.
	laws := e.PinMatcher(pinsFor(t, e, []string{"Which council members introduced the original 2023 sanctuary motion?", "What does the LAUSD sanctuary resolution ask the superintendent to do?"}))
	for _, c := range []struct {
		q     string
		pin   int
		other bool
	}{
		{"who introduced sb 54 in the state senate", 0, true},
		{"who introduced the sanctuary motion", 0, false},
		{"what is carvalho supposed to do under the school board's resolution", 1, false},
		{"what did garcetti's directive ask the superintendent to do", 1, true},
	} {
		qa, _ := l.pinQuestion(c.q)
		if got := laws.pins[c.pin].otherLaw(l.relatedNamed(qa.terms), "en"); got != c.other {
			t.Errorf("%q: names another law than pin %d: %v, want %v", c.q, c.pin, got, c.other)
		}
	}
}

// TestPinFoundByTheStorysQuestion: a long message that tells a story
// around its question finds the pin its question asks for, as the search
// answers it by that question; the story's words alone find none.
func TestPinFoundByTheStorysQuestion(t *testing.T) {
	e := testEngine(t)
	docs := pinsFor(t, e, []string{
		"What are Los Angeles city employees prohibited from doing under the sanctuary city ordinance?",
		"What exceptions does the sanctuary ordinance make for cooperating with federal immigration authorities?",
	})
	m := e.PinMatcher(docs)
	for _, c := range [][2]string{
		{"My cousin started at a city library last month and a lot of the families who come in are from Guatemala and Honduras, and she worries about getting someone in trouble by accident. Under the sanctuary ordinance, what are city employees not allowed to do?", docs[0].ID},
		{"My cousin started at a city library last month and a lot of the families who come in are from Guatemala and Honduras, and she worries about getting someone in trouble by accident.", ""},
	} {
		res, err := e.Search(c[0], 3, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := m.Match(c[0], res)
		if c[1] == "" && ok || c[1] != "" && (!ok || got.ID != c[1]) {
			t.Errorf("%.60q… got pin %q (%v, %.2f), want %q", c[0], got.ID, ok, got.Score, c[1])
		}
	}
}
