package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"

	"ordinancebot/internal/pgtest"
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
