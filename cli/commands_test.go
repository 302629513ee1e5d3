package cli

import (
	"bytes"
	"context"
	"errors"
	"ordinancebot/index"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"ordinancebot/pins"
)

// Item 14.4: ids are snowflakes; a token that does not decode is
// malformed, not missing.
func TestInvite(t *testing.T) {
	const id = "1180000000000000000"
	d := Discord{
		AppIDFromToken: func(token string) string {
			if token == "good" {
				return id
			}
			if token == "short" {
				return "42" // decodes, but no application has such an id
			}
			return ""
		},
		InviteURL: func(appID string) string { return "https://discord.com/oauth2/authorize?client_id=" + appID },
	}
	tests := []struct {
		name  string
		args  []string
		token string
		out   string // on stdout
		usage bool   // a usage error
		err   string // in the error
	}{
		{"an id", []string{id}, "", "client_id=" + id, false, ""},
		{"20 digits", []string{"18446744073709551615"}, "", "client_id=18446744073709551615", false, ""},
		{"from the token", nil, "good", "client_id=" + id, false, ""},
		{"the argument wins", []string{"11800000000000000001"}, "garbage", "client_id=11800000000000000001", false, ""},
		{"letters", []string{"abc"}, "good", "", true, "APP_ID abc is not a Discord application id"},
		{"a flag", []string{"--app"}, "", "", true, "not a Discord application id"},
		{"too short", []string{"1"}, "", "", true, "17 to 20 digits"},
		{"too big for 64 bits", []string{"18446744073709551616"}, "", "", true, "not a Discord application id"},
		{"leading zero", []string{"01180000000000000000"}, "", "", true, "not a Discord application id"},
		{"control bytes quoted", []string{"\x1b[31m"}, "", "", true, `"\x1b[31m"`},
		{"two ids", []string{id, id}, "", "", true, "at most one APP_ID"},
		{"nothing", nil, "", "", true, "needs an APP_ID, or DISCORD_TOKEN"},
		{"garbage token", nil, "garbage", "", false, "DISCORD_TOKEN is malformed"},
		{"token of a short id", nil, "short", "", false, "DISCORD_TOKEN is malformed"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		d.Token = tt.token
		err := Invite(Env{Stdout: &out}, tt.args, d)
		switch {
		case tt.err == "" && (err != nil || !strings.Contains(out.String(), tt.out)):
			t.Errorf("%s: %q, %v", tt.name, out.String(), err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || errors.Is(err, ErrUsage) != tt.usage || out.Len() != 0):
			t.Errorf("%s: err %v (usage %v), out %q; want %q (usage %v)", tt.name, err, errors.Is(err, ErrUsage), out.String(), tt.err, tt.usage)
		case strings.Contains(out.String()+errString(err), "garbage"):
			t.Errorf("%s: the token is shown", tt.name)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Item 14.5: what ask echoes in text mode cannot drive the terminal.
func TestAskTextCleansWhatItEchoes(t *testing.T) {
	e := engine(t)
	in := "is it law \x1b[31mRED\x1b]0;title\x07 \u202eevil \x9b2J \xff\xfe\x00 vote\n"
	for _, style := range []string{"markdown", "ansi"} {
		var out bytes.Buffer
		if err := Ask(Env{Stdin: strings.NewReader(in), Stdout: &out, Style: style}, e, AskArgs{Top: 3, Batch: true, Lang: "auto"}); err != nil {
			t.Fatal(err)
		}
		s := out.String()
		// The only escape sequences left are the highlight's own.
		rest := strings.NewReplacer("\x1b[1;33m", "", "\x1b[0m", "").Replace(s)
		for _, bad := range []string{"\x1b", "\x07", "\x00", "\u202e", "\u009b", "\xff"} {
			if strings.Contains(rest, bad) {
				t.Errorf("%s: output holds %q:\n%q", style, bad, s)
			}
		}
		if style == "markdown" && strings.Contains(s, "\x1b") {
			t.Errorf("markdown output has an escape sequence: %q", s)
		}
		if !strings.Contains(s, `\x1b[31mRED`) {
			t.Errorf("%s: the escape is not shown as text: %q", style, s)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain — “quotes” ñ 🇺🇸":   "plain — “quotes” ñ 🇺🇸",
		"\x1b[2J":                 `\x1b[2J`,
		"bell\x07":                `bell\x07`,
		"del\x7f":                 `del\x7f`,
		"c1\u009b":                `c1\x9b`,
		"rtl \u202eabc\u2066":     `rtl \u202eabc\u2066`,
		"bad \xff utf8":           "bad \uFFFD utf8",
		"tab\tand\nnewline":       `tab\x09and\x0anewline`,
		"private \ue000 use kept": "private \ue000 use kept",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// Item 14.6: eval's flags in the user's terms.
func TestParseEval(t *testing.T) {
	tests := []struct {
		args    []string
		file    string
		scoring string
		cover   float64
		err     string
	}{
		{[]string{"q.jsonl"}, "q.jsonl", "bm25", index.DefaultOptions().MinCoverage, ""},
		{[]string{"-"}, "-", "bm25", index.DefaultOptions().MinCoverage, ""},
		{[]string{"--detail", "--scoring", "tf-idf", "--min-coverage", "0", "q"}, "q", "tf-idf", 0, ""},
		{[]string{"q", "--scoring=bm25", "--min-coverage=1"}, "q", "bm25", 1, ""},
		{[]string{"--", "-odd-name"}, "-odd-name", "bm25", index.DefaultOptions().MinCoverage, ""},
		{[]string{"--scoring", "foo", "q"}, "", "", 0, "--scoring must be bm25 or tf-idf, not foo"},
		{[]string{"--scoring=", "q"}, "", "", 0, "--scoring must be bm25 or tf-idf"},
		{[]string{"q", "--scoring"}, "", "", 0, "--scoring needs a value"},
		{[]string{"--min-coverage", "5", "q"}, "", "", 0, "--min-coverage must be a number from 0 to 1, not 5"},
		{[]string{"--min-coverage", "-0.1", "q"}, "", "", 0, "from 0 to 1"},
		{[]string{"--min-coverage", "NaN", "q"}, "", "", 0, "from 0 to 1"},
		{[]string{"--min-coverage", "x", "q"}, "", "", 0, "from 0 to 1, not x"},
		{[]string{"-x", "q"}, "", "", 0, "unknown flag -x"},
		{[]string{"a", "b"}, "", "", 0, "one FILE"},
		{[]string{}, "", "", 0, "needs a question set FILE"},
	}
	for _, tt := range tests {
		a, err := ParseEval(tt.args)
		if tt.err != "" {
			if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: %v, want a usage error with %q", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil || a.File != tt.file || a.Opts.ScoringModel != tt.scoring || a.Opts.MinCoverage != tt.cover {
			t.Errorf("%q: %+v, %v", tt.args, a, err)
		}
	}
}

func TestEvalInput(t *testing.T) {
	e := engine(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, []byte("\n  \n"), 0o600)
	good := `{"id":"a","q":"what was the final vote","gold":["12-0|12–0"]}` + "\n"
	tests := []struct {
		name, file, stdin string
		out, err          string
	}{
		{"stdin", "-", good, "n=1", ""},
		{"empty file", empty, "", "", "question set " + empty + " has no questions"},
		{"empty stdin", "-", "", "", "question set stdin has no questions"},
		{"missing file, named once", filepath.Join(dir, "nosuch.jsonl"), "", "", "question set: " + filepath.Join(dir, "nosuch.jsonl") + ": no such file"},
		{"wrong type", "-", `{"q":5}`, "", `line 1: field "q" must be a string, not a JSON number`},
		{"not an object", "-", `[1]`, "", `line 1: expected a JSON object, found a JSON array`},
		{"bad JSON", "-", `{"q":`, "", "line 1:"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		_, err := Eval(Env{Stdin: strings.NewReader(tt.stdin), Stdout: &out}, e, tt.file, false)
		if tt.err == "" {
			if err != nil || !strings.Contains(out.String(), tt.out) {
				t.Errorf("%s: %q, %v", tt.name, out.String(), err)
			}
			continue
		}
		msg := errString(err)
		if !strings.Contains(msg, tt.err) || strings.Contains(msg, "Go ") || strings.Contains(msg, "json:") || strings.Count(msg, "nosuch") > 1 {
			t.Errorf("%s: error %q, want %q in plain words", tt.name, msg, tt.err)
		}
	}
}

// fakePins is a store for the pins commands' messages.
type fakePins struct {
	imported  []pins.Pin
	importErr error
}

func (f *fakePins) Export(context.Context, string) ([]pins.Pin, error) { return []pins.Pin{}, nil }
func (f *fakePins) Import(_ context.Context, ps []pins.Pin) (int, error) {
	if f.importErr != nil {
		return 0, f.importErr
	}
	f.imported = ps
	return len(ps), nil
}
func (f *fakePins) Close() error { return nil }

// Item 14.7: pins import messages name no Go type and repeat nothing.
func TestPinsImportMessages(t *testing.T) {
	store := &fakePins{}
	opened := 0
	d := PinsDeps{
		Open:  func() (PinsStore, string, error) { opened++; return store, "test.db", nil },
		Known: func() (func(string) bool, error) { return func(id string) bool { return id == "article-7" }, nil },
	}
	const pin = `{"id":"p1","guild":"300","questions":["q"],"answer":"a","pinned_by":"9","pinned_at":"2026-01-01T00:00:00Z"}`
	missing := filepath.Join(t.TempDir(), "nosuch.json")
	tests := []struct {
		name, file, in, want string
	}{
		{"ok", "-", "[" + pin + "]", ""},
		{"missing file", missing, "", "pins file " + missing + ": no such file or directory"},
		{"an object of unknown fields", "-", `{"foo":"bar"}`, `line 1: unknown field "foo"`},
		{"array of a wrong field", "-", `[{"foo":"bar"}]`, `pin 1: unknown field "foo"`},
		{"wrong type", "-", `[{"questions":"x"}]`, `pin 1: field "questions" must be a list, not a JSON string`},
		{"a number", "-", `[1]`, "pin 1: expected a pin object, found a JSON number"},
		{"not JSON", "-", `not json`, "one array of pins, or one pin object per line"},
		{"bad id", "-", `[` + strings.Replace(pin, `"p1"`, `"x"`, 1) + `]`, "pin 1 (x):"},
		{"unknown citation", "-", `[` + strings.Replace(pin, `"answer"`, `"citations":["nope-1"],"answer"`, 1) + `]`, "nope-1"},
		{"empty", "-", ``, "the pins file is empty"},
		{"trailing array", "-", "[" + pin + "][]", "more after the array"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		opened = 0
		err := Pins(Env{Stdin: strings.NewReader(tt.in), Stdout: &out}, []string{"import", tt.file}, d)
		if tt.want == "" {
			if err != nil || out.String() != "imported 1 pins into test.db\n" {
				t.Errorf("%s: %q, %v", tt.name, out.String(), err)
			}
			continue
		}
		msg := errString(err)
		switch {
		case !strings.Contains(msg, tt.want):
			t.Errorf("%s: %q, want %q", tt.name, msg, tt.want)
		case strings.Contains(msg, "Go "), strings.Contains(msg, "pins.Pin"), strings.Contains(msg, "[]"),
			strings.Contains(msg, "invalid: "), strings.Contains(msg, "json: cannot"), strings.Contains(msg, "json: unknown"), strings.Contains(msg, "open "):
			t.Errorf("%s: Go wording or a doubled prefix in %q", tt.name, msg)
		case strings.Count(msg, "nosuch.json") > 1:
			t.Errorf("%s: the file is named twice: %q", tt.name, msg)
		case opened != 0 || out.Len() != 0:
			t.Errorf("%s: a refused file opened the store or printed %q", tt.name, out.String())
		}
	}
}

func TestPinsUsage(t *testing.T) {
	d := PinsDeps{OpenExport: func() (PinsStore, error) { return &fakePins{}, nil }}
	for _, tt := range []struct {
		args []string
		err  string // "" is fine
	}{
		{[]string{"export"}, ""},
		{[]string{"export", "--guild", "300"}, ""},
		{[]string{"export", "--guild=1180000000000000000"}, ""},
		{[]string{"export", "--guild", "abc"}, "--guild abc is not a Discord server id"},
		{[]string{"export", "--guild="}, "is not a Discord server id"},
		{[]string{"export", "--all"}, "pins export takes only --guild ID"},
		{[]string{}, "pins needs export"},
		{[]string{"list"}, "pins needs export"},
		{[]string{"import"}, "pins import takes one FILE"},
		{[]string{"backup", "-x"}, "pins backup takes one FILE"},
	} {
		var out bytes.Buffer
		err := Pins(Env{Stdout: &out}, tt.args, d)
		if (tt.err == "") != (err == nil) || (err != nil && (!errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tt.err))) {
			t.Errorf("%q: %v, want %q", tt.args, err, tt.err)
		}
	}
}

// Item 14.8: a usage error is one line and a pointer to help; help is
// not an error.
func TestExit(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		code     int
		out, msg string
	}{
		{"ok", nil, 0, "", ""},
		{"help", ErrHelp, 0, "Usage:", ""},
		{"usage", Usagef("unknown flag -x"), 2, "", "ordinancebot: unknown flag -x\nsee `ordinancebot help`\n"},
		{"wrapped usage", errors.Join(Usagef("eval takes one FILE")), 2, "", "ordinancebot: eval takes one FILE\nsee `ordinancebot help`\n"},
		{"error", errors.New("load corpus: broken"), 1, "", "ordinancebot: load corpus: broken\n"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := Exit(Env{Stdout: &out, Stderr: &errb}, tt.err)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || (tt.out == "" && out.Len() != 0) || errb.String() != tt.msg {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.name, code, out.String(), errb.String())
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"q", "--help"}, {"export", "-help"}} {
		if !WantsHelp(args) {
			t.Errorf("%q does not ask for help", args)
		}
	}
	for _, args := range [][]string{{}, {"--", "--help"}, {"help"}, {"--helpful"}} {
		if WantsHelp(args) {
			t.Errorf("%q asks for help", args)
		}
	}
}

func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		want []string
		not  []string
	}{
		{"none", nil, []string{"ordinancebot (no build information)", "go: go1."}, nil},
		{"devel", &debug.BuildInfo{GoVersion: "go1.26.8"}, []string{"ordinancebot (devel)\n", "go: go1.26.8\n"}, []string{"revision"}},
		{"release from a checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-11-30T12:00:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			[]string{"ordinancebot v1.2.3\n", "revision: 0123456789abcdef\n", "time: 2026-11-30T12:00:00Z\n", "go: go1.26.8\n"}, []string{"uncommitted"}},
		{"modified", &debug.BuildInfo{GoVersion: "go1.26.8", Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}},
			[]string{"revision: abc (with uncommitted changes)\n"}, []string{"time:"}},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if err := Version(Env{Stdout: &out}, tt.info); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: %q lacks %q", tt.name, out.String(), w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out.String(), w) {
				t.Errorf("%s: %q has %q", tt.name, out.String(), w)
			}
		}
	}
}
