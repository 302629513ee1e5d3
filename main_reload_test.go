package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	fd "ordinancebot/internal/fakediscord"
)

const reloadDoc = `---
id: %s
kind: note
title: Council note
publisher: City Clerk
date: 2025-01-01
as_of: %s
---
`

func reloadNote(id, asOf, text string) string {
	return strings.Replace(strings.Replace(reloadDoc, "%s", id, 1), "%s", asOf, 1) + text + "\n"
}

// The bot process reloads CORPUS_DIR while it runs: an edit is answered
// from without a restart and /healthz shows the new corpus version; an
// invalid edit is logged with its file and line and changes nothing; and
// SIGHUP (sent to the process, as `systemctl reload` does) reloads what the
// watcher cannot see, a symlinked document edited where it lives, without
// stopping the bot.
func TestBotReloadsCorpusDirWhileRunning(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a bot process")
	}
	dir, elsewhere := t.TempDir(), t.TempDir()
	note, ext := filepath.Join(dir, "note.md"), filepath.Join(elsewhere, "ext.md")
	writeFile(t, note, reloadNote("council-note", "2025-01-01", "The ordinance review panel meets in the Marigold Room of City Hall."))
	writeFile(t, ext, reloadNote("ext-note", "2025-01-01", "The ordinance archive is kept in the Basalt Vault."))
	if err := os.Symlink(ext, filepath.Join(dir, "ext.md")); err != nil {
		t.Skip(err)
	}
	f := fd.New(t)
	logs := &syncWriter{w: &strings.Builder{}}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OB_TEST_CHILD=bot", "DISCORD_TOKEN="+fd.Token, "DISCORD_API_URL="+f.URL(),
		"DATA_DIR="+t.TempDir(), "CORPUS_DIR="+dir, "LOG_FORMAT=json", "LOG_LEVEL=info", "METRICS_ADDR=127.0.0.1:0",
		"ASK_COOLDOWN=0", "DUPLICATE_WINDOW=0")
	cmd.Stderr, cmd.Stdout = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	select {
	case <-f.Requests(): // registration: connected
	case <-time.After(30 * time.Second):
		t.Fatalf("no connection; logs:\n%s", logs.String())
	}
	waitLog := func(re *regexp.Regexp, what string) []string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			if m := re.FindStringSubmatch(logs.String()); m != nil {
				return m
			}
			if time.Now().After(deadline) {
				t.Fatalf("no %s in the logs within 15 s:\n%s", what, logs.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	addr := waitLog(regexp.MustCompile(`"msg":"metrics listening","addr":"([^"]+)"`), "metrics address")[1]
	waitLog(regexp.MustCompile(`"msg":"watching CORPUS_DIR for changes"`), "watcher")
	type health struct {
		Ready  bool `json:"ready"`
		Corpus struct {
			Version string `json:"version"`
			AsOf    string `json:"as_of"`
		} `json:"corpus"`
	}
	healthz := func() health {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+"/healthz", nil)
		req.Header.Set("Accept", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var h health
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || resp.StatusCode != 200 {
			t.Fatalf("healthz: %d %v", resp.StatusCode, err)
		}
		return h
	}
	versionOf := func() string { t.Helper(); return healthz().Corpus.Version }
	waitVersion := func(was string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			if v := versionOf(); v != was && v != "" {
				return v
			}
			if time.Now().After(deadline) {
				t.Fatalf("corpus version still %s after 15 s; logs:\n%s", was, logs.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	ask := func(q string) string {
		t.Helper()
		ic := fd.Interaction(2, map[string]any{"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": q}}})
		f.Dispatch("INTERACTION_CREATE", ic)
		select {
		case r := <-f.Requests():
			return string(r.Body)
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer to %q", q)
		}
		return ""
	}

	v1 := versionOf()
	if h := healthz(); !h.Ready || !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(v1) || h.Corpus.AsOf == "" {
		t.Fatalf("healthz before any edit: %+v, version %q", h, v1)
	}
	if body := ask("what is the tangerine pavilion?"); strings.Contains(body, "Tangerine") {
		t.Fatalf("answered from text not written yet: %s", body)
	}

	// 1. An edit in CORPUS_DIR.
	writeFile(t, note, reloadNote("council-note", "2025-02-01", "The ordinance review panel now meets in the Tangerine Pavilion of City Hall."))
	v2 := waitVersion(v1)
	if body := ask("what is the tangerine pavilion?"); !strings.Contains(body, "Tangerine Pavilion") {
		t.Fatalf("after the reload, not answered from the new text: %s", body)
	}

	// 2. An invalid edit: logged with file and line, the index kept.
	writeFile(t, note, reloadNote("council-note", "2025-03-01", "The panel moved.\n### not a heading the corpus allows"))
	waitLog(regexp.MustCompile(`"msg":"corpus reload failed: still answering from the previous documents".*"file":"`+regexp.QuoteMeta(note)+`","line":10,"reason":"only .*headings are supported"`), "reload failure naming the file and line")
	if v := versionOf(); v != v2 {
		t.Fatalf("an invalid edit changed the version: %s, want %s", v, v2)
	}
	if body := ask("what is the tangerine pavilion?"); !strings.Contains(body, "Tangerine Pavilion") {
		t.Fatalf("after an invalid edit, the previous documents no longer answer: %s", body)
	}

	// 3. SIGHUP, after an edit the watcher cannot see. note.md is made
	// valid again first (the same text as v2: nothing to swap), and the
	// watcher's reload of it is over before the symlink's target changes.
	writeFile(t, note, reloadNote("council-note", "2025-02-01", "The ordinance review panel now meets in the Tangerine Pavilion of City Hall."))
	time.Sleep(time.Second)
	writeFile(t, ext, reloadNote("ext-note", "2025-01-01", "The ordinance archive is kept in the Obsidian Vault."))
	time.Sleep(time.Second)
	if v := versionOf(); v != v2 {
		t.Fatalf("version %s before SIGHUP, want %s: the watcher saw an edit outside CORPUS_DIR, so this no longer tests SIGHUP", v, v2)
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitLog(regexp.MustCompile(`"msg":"corpus reloaded","trigger":"SIGHUP"`), "SIGHUP reload")
	if v := versionOf(); v == v2 || v == v1 {
		t.Fatalf("version %s after SIGHUP with the archive moved", v)
	}
	if body := ask("what is the obsidian vault?"); !strings.Contains(body, "Obsidian Vault") {
		t.Fatalf("after SIGHUP, not answered from the symlinked document's new text: %s", body)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after SIGTERM")
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
