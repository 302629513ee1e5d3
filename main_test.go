package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ordinancebot/internal/pgtest"
	"ordinancebot/pins"
	"ordinancebot/pins/boltstore"
)

func TestNoTokenExplainsWhatToDo(t *testing.T) {
	t.Setenv("DISCORD_TOKEN", "")
	var out, errb bytes.Buffer
	code := run(nil, strings.NewReader(""), &out, &errb)
	if code == 0 {
		t.Fatal("exit 0 without a token")
	}
	for _, want := range []string{"DISCORD_TOKEN", "discord.com/developers", ".env.example", `go run . ask "`} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("message lacks %q:\n%s", want, errb.String())
		}
	}
}

func TestRunSubcommands(t *testing.T) {
	tests := []struct {
		args []string
		in   string
		code int
		out  string
	}{
		{[]string{"ask", "--json", "what was the vote"}, "", 0, `"answered":true`},
		{[]string{"ask", "-"}, "is it law yet\nwhat is the capital of france\n", 0, "Nothing in the sources"},
		{[]string{"passages"}, "", 0, "article-16"},
		{[]string{"ask"}, "", 2, ""},
		{[]string{"nope"}, "", 2, ""},
		{[]string{"eval", "testdata/questions.jsonl"}, "", 0, "R@1="},
		{[]string{"eval"}, "", 2, ""},
		{[]string{"help"}, "", 0, "Usage:"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(tt.args, strings.NewReader(tt.in), &out, &errb)
		if code != tt.code || !strings.Contains(out.String(), tt.out) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q", tt.args, code, tt.code, trim(out.String()), trim(errb.String()))
		}
	}
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func TestPinsExportImportCLI(t *testing.T) {
	t.Run("bbolt", func(t *testing.T) {
		t.Setenv("DATABASE_URL", "")
		t.Setenv("DATA_DIR", t.TempDir())
		pinsExportImport(t)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Setenv("DATABASE_URL", pgtest.URL(t))
		// Nothing may land in DATA_DIR when PostgreSQL holds the pins.
		dir := t.TempDir()
		t.Setenv("DATA_DIR", dir)
		pinsExportImport(t)
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Fatalf("DATA_DIR has %d entries with DATABASE_URL set", len(ents))
		}
	})
}

func TestDatabaseDownIsAClearErrorWithoutThePassword(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	t.Setenv("DATABASE_URL", fmt.Sprintf("postgres://bot:hunter2-secret@127.0.0.1:%d/pins?sslmode=disable&connect_timeout=1", port))
	var out, errb bytes.Buffer
	if code := run([]string{"pins", "export"}, nil, &out, &errb); code != 1 {
		t.Fatalf("exit %d with the database down", code)
	}
	msg := errb.String()
	if strings.Contains(msg, "hunter2") || !strings.Contains(msg, "not reachable") || !strings.Contains(msg, "bot:xxxxx@127.0.0.1") {
		t.Fatalf("message: %s", msg)
	}
	t.Setenv("DATABASE_URL", "mysql://bot:pw@db/pins")
	errb.Reset()
	if code := run([]string{"pins", "export"}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "postgres://") || strings.Contains(errb.String(), ":pw@") {
		t.Fatalf("a non-postgres URL: exit %d, %s", code, errb.String())
	}
}

// pinsExportImport imports, exports and refuses bad input, against
// whichever store the environment selects.
func pinsExportImport(t *testing.T) {
	in := `[{"id":"p4","guild":"300","questions":["is it law yet"],"answer":"Yes.","pinned_by":"9","pinned_at":"2026-01-01T00:00:00Z","uses":2}]`
	var out, errb bytes.Buffer
	if code := run([]string{"pins", "import", "-"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"pins", "export", "--guild", "300"}, nil, &out, &errb); code != 0 {
		t.Fatalf("export: exit %d, %s", code, errb.String())
	}
	for _, want := range []string{`"id": "p4"`, `"guild": "300"`, `"uses": 2`, `"is it law yet"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("export lacks %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	run([]string{"pins", "export", "--guild", "301"}, nil, &out, &errb)
	if strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("another guild's export: %s", out.String())
	}
	for _, bad := range []string{`not json`, `[{"id":"x","guild":"1","questions":["q"],"answer":"a"}]`, `[{"nope":1}]`} {
		errb.Reset()
		if code := run([]string{"pins", "import", "-"}, strings.NewReader(bad), &out, &errb); code == 0 {
			t.Errorf("import of %s succeeded", bad)
		}
	}
}

// The bot holds pins.db's lock while it runs; export must not wait on it.
func TestPinsExportWhileTheBotRuns(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATA_DIR", dir)
	store, err := boltstore.Open(filepath.Join(dir, "pins.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.ServeSnapshots(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Add(t.Context(), pins.Pin{Guild: "300", Questions: []string{"is it law"}, Answer: "Yes."}); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	start := time.Now()
	if code := run([]string{"pins", "export"}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), `"is it law"`) {
		t.Fatalf("export while the bot runs: exit %d, %s%s", code, out.String(), errb.String())
	}
	if took := time.Since(start); took > 1500*time.Millisecond {
		t.Fatalf("export waited %s on the writer", took)
	}
	backup := filepath.Join(t.TempDir(), "pins-backup.db")
	if code := run([]string{"pins", "backup", backup}, nil, &out, &errb); code != 0 {
		t.Fatalf("backup: exit %d, %s", code, errb.String())
	}
	b, err := boltstore.OpenWith(backup, boltstore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if ps, err := b.List(t.Context(), "300"); err != nil || len(ps) != 1 {
		t.Fatalf("backup holds %v, %v", ps, err)
	}
	errb.Reset()
	if code := run([]string{"pins", "backup", backup}, nil, &out, &errb); code == 0 || !strings.Contains(errb.String(), "exists") {
		t.Fatalf("a backup overwrote an existing file: exit %d, %s", code, errb.String())
	}
}

func TestPinsExportNeverCreatesADatabase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	t.Setenv("DATA_DIR", dir)
	var out, errb bytes.Buffer
	if code := run([]string{"pins", "export"}, nil, &out, &errb); code == 0 || !strings.Contains(errb.String(), "no pins database at "+dir) {
		t.Fatalf("export of a missing DATA_DIR: exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("export created DATA_DIR")
	}
}

func TestPinsImportMessages(t *testing.T) {
	t.Setenv("DATA_DIR", t.TempDir())
	var out, errb bytes.Buffer
	run([]string{"pins", "import", "nosuch.json"}, nil, &out, &errb)
	if msg := errb.String(); strings.Count(msg, "nosuch.json") != 1 {
		t.Errorf("the file is named once: %q", msg)
	}
	one := `{"id":"p%d","guild":"300","questions":["q%d"],"answer":"a","pinned_by":"9","pinned_at":"2026-01-01T00:00:00Z"}`
	in := "[" + fmt.Sprintf(one, 1, 1) + "," + fmt.Sprintf(one, 2, 2) + "]"
	out.Reset()
	if code := run([]string{"pins", "import", "-"}, strings.NewReader(in), &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "imported 2 pins") {
		t.Fatalf("import: exit %d, %s %s", code, out.String(), errb.String())
	}
	errb.Reset()
	if code := run([]string{"pins", "import", "-"}, strings.NewReader(in+in), &out, &errb); code == 0 || strings.Contains(errb.String(), "imported") {
		t.Fatalf("concatenated exports: exit %d, %s", code, errb.String())
	}
}

func TestPinsExportOfADamagedRecordExitsNonZero(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATA_DIR", dir)
	in := `[{"id":"p1","guild":"300","questions":["first"],"answer":"a","pinned_by":"9","pinned_at":"2026-01-01T00:00:00Z"},` +
		`{"id":"p2","guild":"300","questions":["second"],"answer":"b","pinned_by":"9","pinned_at":"2026-01-01T00:00:00Z"}]`
	var out, errb bytes.Buffer
	if code := run([]string{"pins", "import", "-"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	path := filepath.Join(dir, "pins.db")
	data, _ := os.ReadFile(path)
	i := bytes.Index(data, []byte(`"second"`))
	data[i] = '{'
	os.WriteFile(path, data, 0o600)
	out.Reset()
	errb.Reset()
	code := run([]string{"pins", "export"}, nil, &out, &errb)
	if code == 0 || !strings.Contains(out.String(), `"first"`) || !strings.Contains(errb.String(), "1 damaged records skipped") {
		t.Fatalf("want the good pin exported, the bad one counted, exit 1; got %d:\n%s\n%s", code, out.String(), errb.String())
	}
}

func TestMalformedDotEnvNeverPrintsTheToken(t *testing.T) {
	t.Chdir(t.TempDir())
	const token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"
	os.WriteFile(".env", []byte("LOG_LEVEL=info\nDISCORD_TOKEN \""+token+"\n"), 0o600)
	var out, errb bytes.Buffer
	code := run([]string{"passages"}, nil, &out, &errb)
	if code == 0 || strings.Contains(errb.String(), "ZnCjm1") || !strings.Contains(errb.String(), ".env line 2 (key DISCORD_TOKEN)") {
		t.Fatalf("exit %d, stderr %q: want the file, line and key, never the value", code, errb.String())
	}
}

func TestAPIURLPasswordNeverShownAndPlainHTTPRefused(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("DISCORD_TOKEN", "x.y.z")
	for _, u := range []string{"http://user:hunter2@proxy.example", "ht!tp://user:hunter2@proxy.example/%zz"} {
		t.Setenv("DISCORD_API_URL", u)
		var out, errb bytes.Buffer
		if code := run(nil, nil, &out, &errb); code == 0 || strings.Contains(errb.String(), "hunter2") || !strings.Contains(errb.String(), "DISCORD_API_URL") {
			t.Errorf("%s: exit %d, %q", u, code, errb.String())
		}
	}
}

func TestEndpointConfig(t *testing.T) {
	const key = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"
	for _, tt := range []struct {
		addr, key, gateway string
		err                string // "" is fine
	}{
		{"", "", "", ""},
		{"127.0.0.1:8080", key, "", ""},
		{"127.0.0.1:8080", key, "off", ""},
		{"127.0.0.1:8080", "", "", "DISCORD_PUBLIC_KEY is missing"},
		{"", key, "", "INTERACTIONS_ADDR is missing"},
		{"127.0.0.1:8080", "abc", "", "64-character hex"},
		{"", "", "off", "DISCORD_GATEWAY=off needs INTERACTIONS_ADDR"},
		{"127.0.0.1:8080", key, "sometimes", "not on or off"},
	} {
		t.Setenv("INTERACTIONS_ADDR", tt.addr)
		t.Setenv("DISCORD_PUBLIC_KEY", tt.key)
		t.Setenv("DISCORD_GATEWAY", tt.gateway)
		ep, err := endpointConfig()
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%+v: %v", tt, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%+v: error %v, want %q", tt, err, tt.err)
		case tt.err == "" && ep.gateway != (tt.gateway != "off"):
			t.Errorf("%+v: gateway %v", tt, ep.gateway)
		}
	}
}

// Issue 14 items 4–8 through the real process: exit status, stdout and
// stderr as a user sees them (usage errors: one line, then a pointer to
// help; help and version on stdout, exit 0).
func TestCommandLineSaysWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o600)
	const see = "see `ordinancebot help`\n"
	tests := []struct {
		args   []string
		env    []string
		stdin  string
		code   int
		stdout string // contained in stdout
		stderr string // contained in stderr; "usage" adds the pointer to help and one line only
	}{
		// 4: invite
		{[]string{"invite", "abc"}, nil, "", 2, "", "ordinancebot: APP_ID abc is not a Discord application id (a snowflake: 17 to 20 digits)\n" + see},
		{[]string{"invite", "--help"}, nil, "", 0, "Usage:", ""},
		{[]string{"invite", "1", "2"}, nil, "", 2, "", "ordinancebot: invite takes at most one APP_ID, not 2 arguments\n" + see},
		{[]string{"invite"}, []string{"DISCORD_TOKEN=garbage"}, "", 1, "", "DISCORD_TOKEN is malformed"},
		{[]string{"invite"}, []string{"DISCORD_TOKEN="}, "", 2, "", "needs an APP_ID, or DISCORD_TOKEN to take it from\n" + see},
		{[]string{"invite", "1180000000000000000"}, nil, "", 0, "client_id=1180000000000000000", ""},
		// 5: ask
		{[]string{"ask", "--top", "1", "-x"}, nil, "", 2, "", "ordinancebot: unknown flag -x (a question that starts with \"-\" goes after --)\n" + see},
		{[]string{"ask", "--top", "1", "-"}, nil, "\x1b[2Jwhat was the vote\n", 0, `Q: \x1b[2Jwhat was the vote`, ""},
		{[]string{"ask", "--", "-x"}, nil, "", 0, "Q: -x", ""},
		// 6: eval
		{[]string{"eval", "--scoring", "foo", "testdata/questions.jsonl"}, nil, "", 2, "", "ordinancebot: --scoring must be bm25 or tf-idf, not foo\n" + see},
		{[]string{"eval", "--min-coverage", "5", "testdata/questions.jsonl"}, nil, "", 2, "", "--min-coverage must be a number from 0 to 1, not 5\n" + see},
		{[]string{"eval", empty}, nil, "", 1, "", "has no questions"},
		{[]string{"eval", "-"}, nil, `{"q":"what was the final vote","gold":["12"]}` + "\n", 0, "n=1", ""},
		// 7: pins import
		{[]string{"pins", "import", "-"}, []string{"DATA_DIR=" + dir}, `{"foo":"bar"}`, 1, "", "ordinancebot: refused the pins file, no pin was stored: line 1: unknown field \"foo\"\n"},
		{[]string{"pins", "import", "nosuch.json"}, []string{"DATA_DIR=" + dir}, "", 1, "", "ordinancebot: pins file nosuch.json: no such file or directory\n"},
		// 8: help, version, usage errors, LOG_LEVEL
		{[]string{"help"}, nil, "", 0, "Usage:", ""},
		{[]string{"-h"}, nil, "", 0, "Usage:", ""},
		{[]string{"--help"}, nil, "", 0, "Usage:", ""},
		{[]string{"ask", "--help"}, nil, "", 0, "Usage:", ""},
		{[]string{"pins", "export", "--help"}, nil, "", 0, "Usage:", ""},
		{[]string{"version"}, nil, "", 0, "go: go1.", ""},
		{[]string{"version", "x"}, nil, "", 2, "", "version takes no arguments\n" + see},
		{[]string{"nope"}, nil, "", 2, "", "ordinancebot: unknown command \"nope\"\n" + see},
		{[]string{"ask"}, nil, "", 2, "", "no question"},
		{[]string{"passages", "--xml"}, nil, "", 2, "", "passages takes only --json"},
		{nil, []string{"DISCORD_TOKEN=x.y.z", "LOG_LEVEL=loud"}, "", 1, "", "LOG_LEVEL=\"loud\" is not debug, info, warn or error\n"},
	}
	throughProcess := map[int]bool{}
	for _, tt := range tests {
		env := append([]string{"DATABASE_URL=", "DISCORD_TOKEN=", "LOG_LEVEL="}, tt.env...)
		var out, errb bytes.Buffer
		code := 0
		// The first case of each exit status runs as a real child process,
		// so 0, 1 and 2 are the process's own; the rest run in process (a
		// race-built child costs ~0.7 s).
		if !throughProcess[tt.code] {
			throughProcess[tt.code] = true
			code = runChild(t, tt.args, env, tt.stdin, &out, &errb)
		} else {
			t.Run("", func(t *testing.T) {
				for _, kv := range env {
					k, v, _ := strings.Cut(kv, "=")
					t.Setenv(k, v)
				}
				code = run(tt.args, strings.NewReader(tt.stdin), &out, &errb)
			})
		}
		lines := strings.Count(errb.String(), "\n")
		if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errb.String(), tt.stderr) ||
			(tt.stderr == "" && errb.Len() != 0) || (code == 2 && lines != 2) {
			t.Errorf("%q %v: exit %d (want %d)\nstdout %q\nstderr %q", tt.args, tt.env, code, tt.code, trim(out.String()), trim(errb.String()))
		}
	}
}

// runChild runs the test binary as the command line (OB_TEST_CHILD=cli).
func runChild(t *testing.T, args, env []string, stdin string, stdout, stderr *bytes.Buffer) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(append(os.Environ(), "OB_TEST_CHILD=cli"), env...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

func TestLogLevel(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want slog.Level
		err  bool
	}{
		{"", slog.LevelInfo, false}, {"info", slog.LevelInfo, false}, {"DEBUG", slog.LevelDebug, false},
		{" warn ", slog.LevelWarn, false}, {"error", slog.LevelError, false},
		{"loud", 0, true}, {"warning", 0, true}, {"0", 0, true}, {"trace", 0, true},
	} {
		got, err := logLevel(tt.v)
		if (err != nil) != tt.err || got != tt.want || (err != nil && !strings.Contains(err.Error(), "LOG_LEVEL")) {
			t.Errorf("%q: %v, %v", tt.v, got, err)
		}
	}
}

// Item 14.8: a failed request names the URL it went to, without a password.
func TestFailedRequestNamesTheAPIURLUsed(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("DATA_DIR", t.TempDir())
	t.Setenv("DATABASE_URL", "")
	t.Setenv("LOG_LEVEL", "error")
	t.Setenv("DISCORD_TOKEN", "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs")
	for _, tt := range []struct{ url, want string }{
		{"http://127.0.0.1:1", `"http://127.0.0.1:1/api/v9/gateway"`},
		{"http://127.0.0.1:1/", `"http://127.0.0.1:1/api/v9/gateway"`},
		{"http://bot:hunter2@127.0.0.1:1/proxy", `"http://bot:xxxxx@127.0.0.1:1/proxy/api/v9/gateway"`},
	} {
		t.Setenv("DISCORD_API_URL", tt.url)
		var out, errb bytes.Buffer
		code := run(nil, strings.NewReader(""), &out, &errb)
		if msg := errb.String(); code != 1 || !strings.Contains(msg, tt.want) || strings.Contains(msg, "discord.com") || strings.Contains(msg, "hunter2") {
			t.Errorf("%s: exit %d, %q; want %s", tt.url, code, msg, tt.want)
		}
	}
}

// Item 14.9: reading pins creates nothing, nor does a refused import.
func TestPinsCommandsCreateNothing(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	for _, tt := range []struct {
		args  []string
		stdin string
	}{
		{[]string{"pins", "export"}, ""},
		{[]string{"pins", "export", "--guild", "300"}, ""},
		{[]string{"pins", "backup", "backup.db"}, ""},
		{[]string{"pins", "import", "-"}, `{"foo":"bar"}`},
		{[]string{"pins", "import", "-"}, ``},
	} {
		t.Chdir(t.TempDir())
		dir := filepath.Join(t.TempDir(), "typo")
		t.Setenv("DATA_DIR", dir)
		var out, errb bytes.Buffer
		if code := run(tt.args, strings.NewReader(tt.stdin), &out, &errb); code != 1 {
			t.Errorf("%q: exit %d, %s", tt.args, code, errb.String())
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%q created DATA_DIR", tt.args)
		}
		if ents, _ := os.ReadDir("."); len(ents) != 0 {
			t.Errorf("%q created %s in the working directory", tt.args, ents[0].Name())
		}
	}
}
