package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
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
