package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/golden"
	"ordinancebot/internal/testengine"
)

func engine(t *testing.T) *index.Engine { return testengine.Get(t) }

func TestParseAsk(t *testing.T) {
	tests := []struct {
		args []string
		want AskArgs
		err  string
	}{
		{[]string{"is", "it", "law"}, AskArgs{Top: 3, Question: "is it law", Lang: "auto"}, ""},
		{[]string{"--json", "--top", "5", "vote"}, AskArgs{JSON: true, Top: 5, Question: "vote", Lang: "auto"}, ""},
		{[]string{"vote", "--json", "--top=2"}, AskArgs{JSON: true, Top: 2, Question: "vote", Lang: "auto"}, ""},
		{[]string{"--json", "-"}, AskArgs{JSON: true, Top: 3, Batch: true, Lang: "auto"}, ""},
		{[]string{"--", "--json", "-x"}, AskArgs{Top: 3, Question: "--json -x", Lang: "auto"}, ""},
		{[]string{}, AskArgs{}, "no question"},
		{[]string{"--top", "0", "q"}, AskArgs{}, "between 1 and"},
		{[]string{"--top", "x", "q"}, AskArgs{}, "not a number"},
		{[]string{"--top"}, AskArgs{}, "needs a number"},
		{[]string{"--bogus", "q"}, AskArgs{}, "unknown flag"},
		{[]string{"-", "q"}, AskArgs{}, "not both"},
		{[]string{"--lang", "es", "papeles"}, AskArgs{Top: 3, Question: "papeles", Lang: "es"}, ""},
		{[]string{"--lang=en", "vote"}, AskArgs{Top: 3, Question: "vote", Lang: "en"}, ""},
		{[]string{"--lang", "fr", "q"}, AskArgs{}, "use auto"},
		{[]string{"--lang"}, AskArgs{}, "needs auto"},
		// Item 14.5: a short unknown flag is a mistake, not a question.
		{[]string{"--top", "1", "-x"}, AskArgs{}, "unknown flag -x"},
		{[]string{"-x", "vote"}, AskArgs{}, "unknown flag -x"},
		{[]string{"-1", "vote"}, AskArgs{}, "goes after --"},
		{[]string{"--top", "1", "-"}, AskArgs{Top: 1, Batch: true, Lang: "auto"}, ""},
		{[]string{"--", "-x"}, AskArgs{Top: 3, Question: "-x", Lang: "auto"}, ""},
		{[]string{"vote", "--", "-"}, AskArgs{Top: 3, Question: "vote -", Lang: "auto"}, ""},
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"vote", "--help"}} {
		if _, err := ParseAsk(args); !errors.Is(err, ErrHelp) {
			t.Errorf("%q: %v, want help", args, err)
		}
	}
	for _, tt := range tests {
		got, err := ParseAsk(tt.args)
		if tt.err != "" {
			if err == nil || !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want usage error with %q", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %+v, %v; want %+v", tt.args, got, err, tt.want)
		}
	}
}

// The JSON format is a public interface: a golden file pins it.
func TestAskJSONGolden(t *testing.T) {
	e := engine(t)
	var out bytes.Buffer
	in := strings.NewReader("What about administrative warrants?\n\nHow tall is the Eiffel Tower?\noye la migra puede entrar a la escuela de mi hijo?\n")
	if err := Ask(Env{Stdin: in, Stdout: &out}, e, AskArgs{JSON: true, Top: 2, Batch: true, Lang: "auto"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("batch of 4 lines gave %d answers:\n%s", len(lines), out.String())
	}
	for i, l := range lines {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		for _, k := range []string{"question", "answered", "results"} {
			if _, ok := a[k]; !ok {
				t.Errorf("line %d lacks %q", i+1, k)
			}
		}
	}
	first := Answer{}
	_ = json.Unmarshal([]byte(lines[0]), &first)
	// The rule (article-8) and what the refusals cover (summary-exceptions-4)
	// both answer it; either way its words are highlighted and it links.
	if !first.Answered || len(first.Results) < 2 || first.Results[0].ID != "summary-exceptions-4" && first.Results[0].ID != "article-8" ||
		!strings.Contains(first.Results[0].Highlighted, "**administrative warrant") || first.Results[0].URL == "" {
		t.Errorf("first answer: %+v", first)
	}
	golden.Check(t, filepath.Join("testdata", "ask.golden.jsonl"), out.Bytes(), "ask --json output")
}

func TestAskTextShowsCitationAndLink(t *testing.T) {
	e := engine(t)
	var out bytes.Buffer
	if err := Ask(Env{Stdout: &out, Style: "markdown"}, e, AskArgs{Top: 1, Question: "when did the doj sue"}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Q: when did the doj sue", " 1. Ordinance summary › Later events", "**", "https://"} {
		if !strings.Contains(s, want) {
			t.Errorf("text output lacks %q:\n%s", want, s)
		}
	}
	// A Spanish question gets its labels in Spanish, and an English
	// passage among its hits is marked as in Discord.
	out.Reset()
	if err := Ask(Env{Stdout: &out}, e, AskArgs{Top: 3, Question: "quien fue el concejal que hablo del escuadron de deportacion de trump en la sesion", Lang: "auto"}); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "puntuación") || strings.Contains(s, "score") || !strings.Contains(s, "(en inglés)") {
		t.Errorf("Spanish answer's labels:\n%s", s)
	}
	out.Reset()
	if err := Ask(Env{Stdout: &out}, e, AskArgs{Top: 3, Question: "what is the capital of france"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Nothing in the sources answers that") {
		t.Errorf("no-answer text: %s", out.String())
	}
	// A Spanish question is told so in Spanish.
	for q, want := range map[string]string{
		"cual es la capital de francia":           "Nada en las fuentes responde a eso",
		"va a haber redadas la semana que viene?": "no lo que va a pasar",
		"hola": "P: hola\n   ¡Hola! Contesto preguntas",
	} {
		out.Reset()
		if err := Ask(Env{Stdout: &out}, e, AskArgs{Top: 3, Question: q, Lang: "auto"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("%q: no-answer text %q, want %q in it", q, out.String(), want)
		}
	}
}

func TestPassagesJSONListsEveryPassage(t *testing.T) {
	c, _ := corpus.Default("")
	var out bytes.Buffer
	if err := Passages(Env{Stdout: &out}, c, true); err != nil {
		t.Fatal(err)
	}
	// JSON lines (README: "passages --json prints JSON lines"), not an array.
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(c.Passages) {
		t.Fatalf("%d lines for %d passages", len(lines), len(c.Passages))
	}
	for i, l := range lines {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil || row["id"] != c.Passages[i].ID {
			t.Fatalf("line %d is not the passage's JSON object: %v %q", i+1, err, l)
		}
	}
}

// Batch mode answers on every core but must write exactly what answering
// the lines one by one writes, in their order.
func TestAskBatchKeepsQuestionOrder(t *testing.T) {
	e := engine(t)
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "questions-public.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var q struct{ Q string }
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, strings.ReplaceAll(q.Q, "\n", " "), "") // blank lines too
	}
	var got bytes.Buffer
	if err := Ask(Env{Stdin: strings.NewReader(strings.Join(qs, "\n") + "\n"), Stdout: &got}, e, AskArgs{JSON: true, Top: 3, Batch: true, Lang: "auto"}); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	for _, q := range qs {
		if err := Ask(Env{Stdin: strings.NewReader(q + "\n"), Stdout: &want}, e, AskArgs{JSON: true, Top: 3, Batch: true, Lang: "auto"}); err != nil {
			t.Fatal(err)
		}
	}
	if got.String() != want.String() {
		t.Fatalf("batch answers differ from one-by-one answers (%d vs %d bytes)", got.Len(), want.Len())
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 3 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

// A reader that went away (ask - | head) ends the batch with the write
// error, without answering the rest.
func TestAskBatchStopsOnWriteError(t *testing.T) {
	e := engine(t)
	in := strings.Repeat("can the police ask about my immigration status?\n", 5000)
	err := Ask(Env{Stdin: strings.NewReader(in), Stdout: &failingWriter{}}, e, AskArgs{JSON: true, Top: 3, Batch: true, Lang: "auto"})
	if err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Fatalf("got %v, want the write error", err)
	}
}
