// Package cli is the command line: ask, passages, eval, pins, register,
// invite, parsing and output. Like the Discord bot, it only formats what
// the engine and the stores return; main wires them in.
package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"ordinancebot/corpus"
	"ordinancebot/eval"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
)

// Env is what the commands need from the process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Style emphasises matched words in text output: "ansi" or "markdown".
	Style string
}

// MaxTop bounds --top: more results than this are noise, and each costs
// a highlight.
const MaxTop = 20

// AskArgs are the parsed arguments of "ask".
type AskArgs struct {
	JSON     bool
	Top      int
	Question string
	Batch    bool // "-": one question per stdin line
	// Lang is "auto" (detect each question's language), "en" or "es".
	Lang string
}

// ParseAsk reads "ask [--json] [--top N] QUESTION..." with flags anywhere.
func ParseAsk(args []string) (AskArgs, error) {
	a := AskArgs{Top: 3, Lang: "auto"}
	var words []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case arg == "--json" || arg == "-json":
			a.JSON = true
		case arg == "--top" || arg == "-top" || arg == "-n":
			if i+1 >= len(args) {
				return a, usageErr("--top needs a number")
			}
			i++
			n, err := strconv.Atoi(args[i])
			if err != nil {
				return a, usageErr("--top %q is not a number", args[i])
			}
			a.Top = n
		case strings.HasPrefix(arg, "--top="):
			n, err := strconv.Atoi(strings.TrimPrefix(arg, "--top="))
			if err != nil {
				return a, usageErr("--top %q is not a number", strings.TrimPrefix(arg, "--top="))
			}
			a.Top = n
		case arg == "--lang" || strings.HasPrefix(arg, "--lang="):
			v, ok := strings.CutPrefix(arg, "--lang=")
			if !ok {
				if i+1 >= len(args) {
					return a, usageErr("--lang needs auto, %s", strings.Join(index.Languages(), " or "))
				}
				i++
				v = args[i]
			}
			if v != "auto" && index.PackFor(v) == nil {
				return a, usageErr("--lang %q: use auto, %s", v, strings.Join(index.Languages(), " or "))
			}
			a.Lang = v
		case arg == "-h" || arg == "--help" || arg == "-help":
			return a, ErrHelp
		case arg == "-":
			a.Batch = true
		case strings.HasPrefix(arg, "-"):
			// Not searched as a word: a mistyped flag would otherwise be
			// answered as a question.
			return a, usageErr("unknown flag %s (a question that starts with \"-\" goes after --)", quoteArg(arg))
		default:
			words = append(words, arg)
		}
	}
	if a.Top < 1 || a.Top > MaxTop {
		return a, usageErr("--top must be between 1 and %d", MaxTop)
	}
	if a.Batch && len(words) > 0 {
		return a, usageErr(`give either "-" (questions on stdin) or a question, not both`)
	}
	a.Question = strings.Join(words, " ")
	if !a.Batch && strings.TrimSpace(a.Question) == "" {
		return a, usageErr(`no question: try  ask "will the city help ICE?"`)
	}
	return a, nil
}

// Ask answers one question, or each line of stdin in batch mode.
func Ask(env Env, e *index.Engine, a AskArgs) error {
	answer := func(q string) ([]byte, error) {
		res, err := e.SearchLang(q, a.Lang, "", a.Top, 0)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if a.JSON {
			if err := json.NewEncoder(&b).Encode(NewAnswer(res)); err != nil {
				return nil, fmt.Errorf("encode answer: %w", err)
			}
		} else {
			writeText(&b, res, env.Style)
		}
		return b.Bytes(), nil
	}
	if !a.Batch {
		out, err := answer(a.Question)
		if err != nil {
			return err
		}
		if _, err := env.Stdout.Write(out); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		return nil
	}
	return askBatch(env, answer)
}

// askBatch answers stdin's lines on every core and writes the answers in
// the order of the questions, each as soon as it and those before it are
// ready (a person typing into "ask -" sees each answer at once). Every
// line gets an answer, even a blank one, so answers stay in step with
// the questions (score-answers.py pairs them by order).
func askBatch(env Env, answer func(string) ([]byte, error)) error {
	type slot struct {
		out []byte
		err error
	}
	type job struct {
		q    string
		done chan slot
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job)
	// pending holds the answers in question order; its capacity bounds how
	// far reading runs ahead of writing.
	pending := make(chan chan slot, 4*workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out, err := answer(j.q)
				j.done <- slot{out, err}
			}
		}()
	}
	var readErr error
	go func() {
		defer close(pending)
		defer close(jobs)
		sc := bufio.NewScanner(env.Stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			j := job{sc.Text(), make(chan slot, 1)}
			select {
			case pending <- j.done:
			case <-stop:
				return
			}
			select {
			case jobs <- j:
			case <-stop:
				return
			}
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				readErr = fmt.Errorf("read questions from stdin: a line is longer than 1 MiB (one question per line)")
			} else {
				readErr = fmt.Errorf("read questions from stdin: %w", err)
			}
		}
	}()
	var err error
	for done := range pending {
		s := <-done
		if s.err == nil {
			_, s.err = env.Stdout.Write(s.out)
			if s.err != nil {
				s.err = fmt.Errorf("write: %w", s.err)
			}
		}
		if s.err != nil {
			err = s.err
			close(stop)
			break
		}
	}
	if err != nil {
		// The reader and the workers stop on their own: the reader at its
		// next line (or at once if it waits to hand one over), the workers
		// when it has. Waiting for them would wait for stdin.
		return err
	}
	wg.Wait()
	return readErr
}

// Answer is the public JSON format of "ask --json": one object per line.
type Answer struct {
	Question string `json:"question"`
	Answered bool   `json:"answered"`
	Reason   string `json:"reason,omitempty"`
	// Lang is the language the question was taken to be in.
	Lang    string   `json:"lang"`
	Results []Result `json:"results"`
}

// Result is one ranked passage in Answer.
type Result struct {
	Rank        int             `json:"rank"`
	ID          string          `json:"id"`
	Doc         string          `json:"doc"`
	Lang        string          `json:"lang"` // the passage's language
	Label       string          `json:"label"`
	Title       string          `json:"title"`
	URL         string          `json:"url"`
	Date        string          `json:"date"`
	Text        string          `json:"text"`
	Highlighted string          `json:"highlighted"`
	Score       float64         `json:"score"`
	Sources     []corpus.Source `json:"sources,omitempty"`
}

// NewAnswer converts an engine result to the JSON format.
func NewAnswer(res *index.Result) Answer {
	a := Answer{Question: res.Question, Answered: res.Answered, Reason: res.Reason, Lang: res.Lang, Results: []Result{}}
	for _, h := range res.Hits {
		p := h.Passage
		a.Results = append(a.Results, Result{
			Rank: h.Rank, ID: p.ID, Doc: p.Doc.ID, Lang: p.Doc.Language(), Label: p.Label, Title: p.Doc.Title, URL: p.URL(),
			Date: p.Doc.Date, Text: p.Text, Highlighted: h.Highlighted("**", "**"),
			Score: float64(int64(h.Score*1e4+0.5)) / 1e4, Sources: p.CitedSources(),
		})
	}
	return a
}

// Private-use runes that stand for the highlight while the text is cleaned.
const markOpen, markClose = "\ue000", "\ue001"

func writeText(w io.Writer, res *index.Result, style string) {
	before, after := "**", "**"
	if style == "ansi" {
		before, after = "\x1b[1;33m", "\x1b[0m"
	}
	// Everything echoed is cleaned: the question may come from any file
	// (ask - < binary), the passages from CORPUS_DIR.
	fmt.Fprintln(w, i18n.T(res.Lang, i18n.AnswerTitle, clean(res.Question)))
	if !res.Answered {
		fmt.Fprintln(w, "   "+NoAnswerText(res.Reason, res.Lang))
		fmt.Fprintln(w)
		return
	}
	for _, h := range res.Hits {
		p := h.Passage
		// A passage in another language than the question is marked, as
		// in Discord: "Artículo ¶8 (en inglés)".
		label := p.Label
		if p.Doc != nil {
			label += i18n.Mark(res.Lang, p.Doc.Lang)
		}
		fmt.Fprintf(w, "\n %d. %s  [%s]  %s %.2f\n", h.Rank, clean(label), clean(p.ID), i18n.T(res.Lang, i18n.CLIScore), h.Score)
		// Highlight with private-use markers, clean, then put in the real
		// ones: the ANSI highlight is the only escape sequence printed.
		text := clean(h.Highlighted(markOpen, markClose))
		text = strings.NewReplacer(markOpen, before, markClose, after).Replace(text)
		fmt.Fprintf(w, "    %s\n", wrap(text, 76, "    "))
		fmt.Fprintf(w, "    — %s · %s · %s\n", clean(p.Doc.Label), clean(p.Doc.Publisher), clean(p.Doc.Date))
		if srcs := p.CitedSources(); len(srcs) > 0 {
			for _, s := range srcs {
				fmt.Fprintf(w, "      [%d] %s\n", s.Num, clean(s.URL))
			}
		} else if u := p.URL(); u != "" {
			fmt.Fprintf(w, "      %s\n", clean(u))
		}
	}
	fmt.Fprintln(w)
}

// NoAnswerText explains an unanswered question in one line, in the
// question's language.
func NoAnswerText(reason, lang string) string {
	switch reason {
	case index.ReasonEmpty:
		return i18n.T(lang, i18n.CLIEmpty)
	case index.ReasonChat:
		return i18n.T(lang, i18n.CLIChat)
	case index.ReasonPrediction:
		return i18n.T(lang, i18n.CLIPrediction)
	default:
		return i18n.T(lang, i18n.CLINothing)
	}
}

// wrap breaks text at spaces to width (counting escape codes too, which
// only makes lines a little shorter).
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		n := len([]rune(word))
		if i > 0 {
			if col+1+n > width {
				b.WriteString("\n" + indent)
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

// Passages lists every indexed passage.
func Passages(env Env, c *corpus.Corpus, asJSON bool) error {
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	type row struct {
		ID    string `json:"id"`
		Doc   string `json:"doc"`
		Label string `json:"label"`
		URL   string `json:"url"`
		Text  string `json:"text"`
	}
	enc := json.NewEncoder(out)
	for _, p := range c.Passages {
		if asJSON {
			if err := enc.Encode(row{p.ID, p.Doc.ID, p.Label, p.URL(), p.Text}); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			continue
		}
		fmt.Fprintf(out, "%s  (%s)\n    %s\n\n", clean(p.ID), clean(p.Label), wrap(clean(p.Text), 76, "    "))
	}
	return nil
}

// Eval scores the engine on a question set file ("-" is stdin).
func Eval(env Env, e *index.Engine, path string, detail bool) (eval.Report, error) {
	var r io.Reader = env.Stdin
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return eval.Report{}, fmt.Errorf("question set: %w", fileError(err))
		}
		defer f.Close()
		r, name = f, path
	}
	qs, err := eval.Read(r)
	if err != nil {
		return eval.Report{}, fmt.Errorf("question set %s: %w", name, plainJSONError(err))
	}
	// Scores of no questions are 0.000 and look like a result.
	if len(qs) == 0 {
		return eval.Report{}, fmt.Errorf("question set %s has no questions (one JSON object per line, like {\"q\": \"...\", \"gold\": [\"...\"]})", name)
	}
	rep, err := eval.Run(e, qs)
	if err != nil {
		return rep, err
	}
	if detail {
		for _, m := range rep.Misses {
			top := m.Top
			if r := []rune(top); len(r) > 90 {
				top = string(r[:90]) + "…"
			}
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", m.ID, m.Why, m.Question)
			if m.TopID != "" {
				fmt.Fprintf(env.Stdout, "\t\ttop: %s: %s\n", m.TopID, top)
			}
		}
	}
	fmt.Fprintln(env.Stdout, rep.String())
	return rep, nil
}
