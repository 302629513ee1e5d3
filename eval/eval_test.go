package eval

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"ordinancebot/index"
	"ordinancebot/internal/testengine"
)

func engine(t *testing.T) *index.Engine { return testengine.Get(t) }

func load(t *testing.T, path string) []Question {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// Floors keep quality from silently regressing. Raise them as the engine
// improves; never lower them to make a change pass. (They were lowered
// once, on purpose: the verdict now refuses on evidence, fit to answer the
// questions other people write, and gives up two of our own off-topic
// questions for it; see README, "Search quality". And es-check5's R@3,
// 0.97 to 0.95, on 2026-12-02: vocabulary phrases with a stop word inside,
// "DOJ" → "Departamento de Justicia", had never matched their text; now
// they do, +2 R@1 and +2 R@3 over the Spanish sets, and one question of
// es-check5 went from third to fifth among more passages naming the DOJ.)
func TestQualityFloors(t *testing.T) {
	e := engine(t)
	tests := []struct {
		file         string
		r1, r3, abst float64
		minQuestions int
	}{
		{filepath.Join("..", "testdata", "questions.jsonl"), 0.95, 0.98, 1, 180},
		// Written after tuning stopped on questions.jsonl, as a check on
		// overfitting; see README, "Search quality".
		{filepath.Join("..", "testdata", "questions-check.jsonl"), 0.94, 0.99, 0.9, 60},
		// Spanish, written from the fact sheet by someone who never saw our
		// passages; the Spanish pack's stemmer was chosen on it.
		{filepath.Join("..", "testdata", "questions-es-check.jsonl"), 0.87, 0.97, 1, 45},
		// Written from the fact sheet and the article by helpers who saw
		// neither our passages, the engine nor any other question set (see
		// testdata/README.md). The English one prompted four changes after
		// its first run; the Spanish one none.
		{filepath.Join("..", "testdata", "questions-en-check2.jsonl"), 0.88, 0.98, 1, 85},
		{filepath.Join("..", "testdata", "questions-es-check2.jsonl"), 0.87, 0.92, 1, 50},
		// The same, written later the same way; vocabulary was added from
		// their first runs (testdata/README.md).
		{filepath.Join("..", "testdata", "questions-en-check3.jsonl"), 0.9, 0.98, 1, 75},
		{filepath.Join("..", "testdata", "questions-es-check3.jsonl"), 0.93, 0.95, 1, 60},
		{filepath.Join("..", "testdata", "questions-en-check4.jsonl"), 0.83, 0.95, 1, 75},
		{filepath.Join("..", "testdata", "questions-es-check4.jsonl"), 0.83, 0.95, 0.91, 60},
		{filepath.Join("..", "testdata", "questions-en-check5.jsonl"), 0.91, 0.96, 1, 75},
		{filepath.Join("..", "testdata", "questions-es-check5.jsonl"), 0.85, 0.95, 1, 60},
		{filepath.Join("..", "testdata", "questions-en-check6.jsonl"), 0.84, 0.98, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check6.jsonl"), 0.95, 0.99, 1, 70},
		// 0.871 since the eleventh session's focus clause (index/focus.go):
		// "when may a California law enforcement agency transfer" is not a
		// date, and its clause's first words are the subject, not the verb.
		{filepath.Join("..", "testdata", "questions-en-check7.jsonl"), 0.87, 0.96, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check7.jsonl"), 0.88, 0.99, 1, 66},
		{filepath.Join("..", "testdata", "questions-en-check8.jsonl"), 0.95, 0.99, 0.88, 80},
		{filepath.Join("..", "testdata", "questions-es-check8.jsonl"), 0.86, 0.98, 0.87, 66},
		{filepath.Join("..", "testdata", "questions-en-check9.jsonl"), 0.84, 0.93, 1, 75},
		{filepath.Join("..", "testdata", "questions-es-check9.jsonl"), 0.89, 0.97, 0.92, 60},
		// Written 2026-12-02 (third session) from the sources only; first run
		// 0.860 / 0.980, 5/16 off-topic answered.
		{filepath.Join("..", "testdata", "questions-es-check10.jsonl"), 0.94, 0.99, 1, 66},
		// The same session, after its first changes; first runs 0.839 / 0.919
		// and 0.740 / 0.840.
		{filepath.Join("..", "testdata", "questions-en-check10.jsonl"), 0.88, 0.96, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check11.jsonl"), 0.94, 0.98, 0.93, 66},
		// Written after all of that session's changes; first runs 0.903 / 0.952
		// (one gold loosened) and 0.900 / 0.940.
		{filepath.Join("..", "testdata", "questions-en-check11.jsonl"), 0.91, 0.98, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check12.jsonl"), 0.98, 0.99, 1, 66},
		// Written 2026-12-02 (fourth session) from the sources only; first
		// runs 0.840 / 0.940, 0.840 / 1.000 and 0.790 / 0.903.
		{filepath.Join("..", "testdata", "questions-es-check13.jsonl"), 0.84, 0.99, 1, 66},
		// R@1 0.88 since how-many questions prefer passages with a count
		// (index/answertype.go): j062's "cuantos dias despues" is answered
		// by "un día después", which is no count, and lost to "dos meses";
		// that change gained three questions elsewhere.
		{filepath.Join("..", "testdata", "questions-es-check14.jsonl"), 0.88, 0.99, 1, 66},
		{filepath.Join("..", "testdata", "questions-en-check12.jsonl"), 0.87, 0.96, 1, 80},
		// Written after all of that session's changes; first runs 0.900 /
		// 0.940 and 0.806 / 0.952.
		// R@3 0.98 since "directiva" stems apart from "directa" (index/stems.go):
		// i036 asks what the ordinance adds to the mayor's directive, and
		// its passage (data shared "directa o indirectamente") had matched
		// "directiva" only through that collision.
		{filepath.Join("..", "testdata", "questions-es-check15.jsonl"), 0.96, 0.98, 1, 66},
		{filepath.Join("..", "testdata", "questions-en-check13.jsonl"), 0.83, 0.98, 0.94, 80},
		// Written after every change of that session; first runs 0.880 /
		// 1.000 (the session-start build 0.780 / 0.980) and 0.855 / 0.935.
		{filepath.Join("..", "testdata", "questions-es-check16.jsonl"), 0.92, 0.99, 1, 66},
		{filepath.Join("..", "testdata", "questions-en-check14.jsonl"), 0.87, 0.95, 0.94, 80},
		// Written at the start of the fifth session of 2026-12-02; first
		// runs 0.694 / 0.855 (6.5 % wrong refusals) and 0.900 / 0.980
		// (0.920 / 1.000 with one gold loosened).
		{filepath.Join("..", "testdata", "questions-en-check15.jsonl"), 0.8, 0.98, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check17.jsonl"), 0.92, 0.99, 1, 66},
		// Written late in that session; first runs 0.903 / 0.984 and
		// 0.800 / 0.880 (the session-start build 0.780 / 0.860).
		{filepath.Join("..", "testdata", "questions-en-check16.jsonl"), 0.91, 0.99, 0.88, 80},
		{filepath.Join("..", "testdata", "questions-es-check18.jsonl"), 0.8, 0.88, 0.81, 66},
		// Written at the very end of that session, after every change of
		// it; first runs 0.839 / 0.968 (three golds loosened on wording;
		// the session-start build 0.823 / 0.952) and 0.780 / 0.880 (the
		// session-start build the same).
		{filepath.Join("..", "testdata", "questions-en-check17.jsonl"), 0.83, 0.98, 0.88, 80},
		{filepath.Join("..", "testdata", "questions-es-check19.jsonl"), 0.82, 0.92, 0.93, 66},
		// Written at the start of the sixth session of 2026-12-02; first
		// runs 0.871 / 0.952 (3.2 % wrong refusals, 3/18 off-topic answered;
		// the fifth session's start build 0.855 / 0.952) and 0.900 / 0.960
		// (3/16; that build the same).
		{filepath.Join("..", "testdata", "questions-en-check18.jsonl"), 0.9, 0.98, 0.83, 80},
		{filepath.Join("..", "testdata", "questions-es-check20.jsonl"), 0.92, 0.96, 0.81, 66},
		// Written later in that session, after its first changes; first
		// runs 0.871 / 0.952 (2/18 off-topic answered) and 0.860 / 0.960
		// (4/16).
		{filepath.Join("..", "testdata", "questions-en-check19.jsonl"), 0.87, 0.95, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check21.jsonl"), 0.86, 0.96, 1, 66},
		// Written late in that session; first runs 0.903 / 0.952 (3.2 %
		// wrong refusals, 4/18 off-topic answered; the session-start search
		// 0.919 / 0.968, 1.6 %, 6/18) and 0.840 / 0.980 (2.0 %, 5/16).
		{filepath.Join("..", "testdata", "questions-en-check20.jsonl"), 0.96, 0.99, 0.88, 80},
		{filepath.Join("..", "testdata", "questions-es-check22.jsonl"), 0.86, 0.98, 0.93, 66},
		// Written at the end of that session; first runs 0.935 / 0.984
		// (4/18 off-topic answered; the session-start search 6/18) and
		// 0.900 / 0.980 (1/16; the session-start search 0.900 / 0.960, 3/16).
		{filepath.Join("..", "testdata", "questions-en-check21.jsonl"), 0.93, 0.99, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check23.jsonl"), 0.9, 0.98, 1, 66},
		// Written after every change of that session, as the fairest
		// estimate; first runs 0.806 / 0.919 (6.5 % wrong refusals, 9/18
		// off-topic answered, five of them with the passage saying the
		// sources do not give it) and 0.880 / 0.960 (2.0 %, 9/16).
		{filepath.Join("..", "testdata", "questions-en-check22.jsonl"), 0.83, 0.95, 0.66, 80},
		{filepath.Join("..", "testdata", "questions-es-check24.jsonl"), 0.88, 0.96, 0.75, 66},
		// Written after the lockbox print of that session; first run
		// 0.900 / 0.960, 2/16 (the session-start search 5/16).
		{filepath.Join("..", "testdata", "questions-es-check25.jsonl"), 0.94, 0.98, 1, 66},
		// Written after the lockbox print too; first run 0.839 / 0.887
		// (8.1 % wrong refusals, 5/18 off-topic; the session-start search
		// 8/18).
		{filepath.Join("..", "testdata", "questions-en-check23.jsonl"), 0.85, 0.9, 0.88, 80},
		// Written at the start of the seventh session, unseen until scored;
		// first runs 0.952 / 0.984 (1.6 % wrong refusals, 0/18 off-topic
		// answered) and 0.920 / 0.960 (4.0 %, 2/16), the session-start
		// build, before the Spanish stem exceptions.
		{filepath.Join("..", "testdata", "questions-en-check24.jsonl"), 0.95, 0.98, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check26.jsonl"), 0.92, 0.96, 0.87, 66},
		// Written at the start of the eighth session, unseen until scored;
		// first runs (the session-start build, nine English golds loosened
		// to the passages' wording first) 0.855 / 0.935 (4.8 % wrong
		// refusals, 1/18 off-topic answered) and 0.900 / 0.960 (0 %, 2/16).
		{filepath.Join("..", "testdata", "questions-en-check25.jsonl"), 0.88, 0.98, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check27.jsonl"), 0.94, 0.98, 1, 66},
		// Written after that session's first changes, which moved neither;
		// first runs (seven English golds and one Spanish loosened to the
		// passages' wording) 0.774 / 0.903 (0 %, 1/18) and 0.900 / 0.980
		// (2.0 %, 3/16). R@3 0.95 -> 0.93 in the fifteenth session: phrases
		// are read again once chat forms are expanded, and "how'd it end at
		// SCOTUS" became "how did it end", the lawsuit's outcome (Spanish
		// R@3 +2 over the check sets).
		{filepath.Join("..", "testdata", "questions-en-check26.jsonl"), 0.79, 0.93, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check28.jsonl"), 0.92, 1, 1, 66},
		// Written after every search change of that session but the last
		// (speeches, polls, farewells), as its estimate on unseen questions;
		// first runs (six English golds and one Spanish loosened to the
		// passages' wording) 0.661 / 0.806 (1.6 %, 2/18; the session-start
		// build 0.661 / 0.790) and 0.880 / 0.960 (2.0 %, 3/16; the same).
		{filepath.Join("..", "testdata", "questions-en-check27.jsonl"), 0.66, 0.8, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check29.jsonl"), 0.88, 0.96, 1, 66},
		// Written after every search change of that session, as the
		// estimate of what the session gained on unseen questions; first
		// runs (nine English golds loosened to the passages' wording)
		// 0.887 / 0.968 (1.6 %, 2/18; the session-start build 0.855 /
		// 0.952, 3/18) and 0.860 / 0.940 (0 %, 3/16; the session-start
		// build 0.840 / 0.920, 2.0 %, 3/16).
		{filepath.Join("..", "testdata", "questions-en-check28.jsonl"), 0.88, 0.96, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check30.jsonl"), 0.86, 0.94, 1, 66},
		// Written at the start of the ninth session (2026-12-03), unseen
		// until scored; first runs (two English golds loosened to the
		// passages' wording) 0.823 / 0.919 (1.6 %, 2/18) and 0.880 / 0.920
		// (2.0 %, 0/16), the session-start build.
		{filepath.Join("..", "testdata", "questions-en-check29.jsonl"), 0.83, 0.93, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check31.jsonl"), 0.88, 0.92, 1, 66},
		// Written after this session's search changes, as its estimate on
		// unseen questions; first run (one gold loosened) 0.871 / 0.935
		// (1.6 %, 0/18), the session-start build the same.
		{filepath.Join("..", "testdata", "questions-en-check30.jsonl"), 0.87, 0.93, 1, 80},
		// Written at the start of the tenth session (2026-12-04), unseen
		// until scored; first runs (three English golds loosened to the
		// passages' wording; as written 0.855 / 0.935) 0.903 / 0.984 (0 %,
		// 1/18 off-topic answered; the ninth session's start build 2/18) and
		// 0.880 / 0.940 (4.0 %, 2/16; that build the same).
		// (R@1 0.903 -> 0.887 in the fourteenth session when "detainer"
		// got a stem of its own apart from "detain": +5 -2 at R@1 over
		// the check sets; ao045 now leads with the article's
		// administrative-warrant paragraph.)
		{filepath.Join("..", "testdata", "questions-en-check31.jsonl"), 0.88, 0.98, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check32.jsonl"), 0.9, 0.98, 0.87, 66},
		// es-check33: written in the tenth session; the session-start build
		// and each of the session's builds: 0.820 / 0.960 (0 %, 3/16).
		{filepath.Join("..", "testdata", "questions-es-check33.jsonl"), 0.82, 0.96, 0.93, 66},
		// en-check32: the same session, eleven golds loosened to the
		// passages' wording: 0.823 / 0.919 (3.2 %, 3/18 with the
		// session-start build, 4/18 with the build of that hour).
		{filepath.Join("..", "testdata", "questions-en-check32.jsonl"), 0.82, 0.91, 0.94, 80},
		// en-check33 and es-check34: written in the eleventh session
		// (2026-12-04), first runs with the session-start build 0.839 /
		// 0.935 (3.2 %, 1/18) and 0.920 / 0.980 (0 %, 1/16).
		{filepath.Join("..", "testdata", "questions-en-check33.jsonl"), 0.83, 0.93, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check34.jsonl"), 0.92, 0.98, 0.93, 66},
		// en-check34 and es-check35: written in the twelfth session
		// (2026-12-05), first runs with the session-start build 0.839 /
		// 0.935 (4.8 %, 1/18) and 0.820 / 0.900 (2.0 %, 1/16).
		{filepath.Join("..", "testdata", "questions-en-check34.jsonl"), 0.83, 0.93, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check35.jsonl"), 0.82, 0.9, 0.93, 66},
		// en-check35 and es-check36: written at the start of the fourteenth
		// session (2026-12-06), unseen until scored; first runs with the
		// session-start build 0.839 / 0.968 (1.6 %, 0/18) and 0.900 / 1.000
		// (0 %, 0/16).
		{filepath.Join("..", "testdata", "questions-en-check35.jsonl"), 0.83, 0.96, 1, 80},
		{filepath.Join("..", "testdata", "questions-es-check36.jsonl"), 0.9, 1, 1, 66},
		// en-check36 and es-check37: written at the start of the fifteenth
		// session (2026-12-06), unseen until scored; first runs with the
		// session-start build 0.774 / 0.952 (1.6 %, 1/18) and 0.840 / 0.920
		// (4.0 %, 1/16).
		{filepath.Join("..", "testdata", "questions-en-check36.jsonl"), 0.77, 0.95, 0.94, 80},
		{filepath.Join("..", "testdata", "questions-es-check37.jsonl"), 0.84, 0.92, 0.93, 66},
		// en-check37: written late in the fifteenth session, after its
		// changes, unseen until scored: 0.806 / 0.919 (1.6 %, 7/18, five of
		// them asking what the passages say the sources do not give); the
		// session-start build the same.
		{filepath.Join("..", "testdata", "questions-en-check37.jsonl"), 0.8, 0.91, 0.61, 80},
		// es-check38: the same, 0.760 / 0.940 (2.0 %, 4/16, three of them
		// asking what the sources do not give); the session-start build
		// the same.
		{filepath.Join("..", "testdata", "questions-es-check38.jsonl"), 0.76, 0.94, 0.75, 66},
		// en-check38: written at the end of the fifteenth session, after
		// all its changes, unseen until scored and never tuned on: 0.806 /
		// 0.952 (1.6 %, 0/18); the session-start build 0.790 / 0.952.
		{filepath.Join("..", "testdata", "questions-en-check38.jsonl"), 0.8, 0.95, 1, 80},
		// es-check39: the same, 0.900 / 0.980 (2.0 %, 0/16); the
		// session-start build the same.
		{filepath.Join("..", "testdata", "questions-es-check39.jsonl"), 0.9, 0.98, 1, 66},
		// shared/questions-dev.jsonl, copied into testdata/ (see its README).
		{filepath.Join("..", "testdata", "questions-dev.jsonl"), 0.89, 0.94, 1.0, 20},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			qs := load(t, tt.file)
			if len(qs) < tt.minQuestions {
				t.Fatalf("%d questions, want at least %d", len(qs), tt.minQuestions)
			}
			rep, err := Run(e, qs)
			if err != nil {
				t.Fatal(err)
			}
			t.Log(rep)
			if rep.R1 < tt.r1 || rep.R3 < tt.r3 || rep.AbstainRate() < tt.abst {
				var b strings.Builder
				for _, m := range rep.Misses {
					b.WriteString("\n  " + m.ID + " " + m.Why + ": " + m.Question + " (top " + m.TopID + ")")
				}
				t.Fatalf("%s below floors R@1 %.2f R@3 %.2f abstain %.2f; misses:%s", rep, tt.r1, tt.r3, tt.abst, b.String())
			}
		})
	}
}

// TestPublicTuningHalf keeps the figures on the tuning half (odd ids) of
// shared/questions-public.jsonl, per language. The lockbox half (even ids)
// is never a test: tests are what one tunes against.
func TestPublicTuningHalf(t *testing.T) {
	e := engine(t)
	all := load(t, filepath.Join("..", "testdata", "questions-public.jsonl"))
	for _, tt := range []struct {
		lang           string
		r1, r3, refuse float64
	}{{"en", 0.83, 0.95, 0.02}, {"es", 0.86, 0.95, 0.05}} {
		var qs []Question
		for _, q := range all {
			n, _ := strconv.Atoi(strings.TrimLeft(q.ID, "p"))
			if n%2 == 1 && q.Lang == tt.lang {
				qs = append(qs, q)
			}
		}
		rep, err := Run(e, qs)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s tuning half: %s", tt.lang, rep)
		if rep.R1 < tt.r1 || rep.R3 < tt.r3 || rep.WrongRefusalRate() > tt.refuse {
			t.Errorf("%s tuning half %s: below floors R@1 %.2f R@3 %.2f wrong refusals %.2f", tt.lang, rep, tt.r1, tt.r3, tt.refuse)
		}
	}
}

func TestReadRejectsBadLines(t *testing.T) {
	for _, in := range []string{`{"id":"x"}`, `not json`, `{"q":"a","gold":["("]}`} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("%s: want an error", in)
		}
	}
	qs, err := Read(strings.NewReader("\n{\"q\":\"a\",\"gold\":null}\n"))
	if err != nil || len(qs) != 1 || !qs[0].OffTopic() || qs[0].ID == "" {
		t.Fatalf("got %+v, %v", qs, err)
	}
}
