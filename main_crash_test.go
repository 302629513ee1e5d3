package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/pgtest"
	"ordinancebot/pins/boltstore"
)

// TestMain lets a test run this binary as the real bot in a child process
// (OB_TEST_CHILD=bot), so it can be killed with SIGKILL, or as the
// command line (OB_TEST_CHILD=cli), so exit codes are the process's.
func TestMain(m *testing.M) {
	switch os.Getenv("OB_TEST_CHILD") {
	case "bot":
		os.Exit(run(nil, os.Stdin, os.Stdout, os.Stderr))
	case "cli": // the command line with the arguments after "--"
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
	}
	// pgtest.Main stops the throwaway PostgreSQL if a test started one.
	os.Exit(pgtest.Main(m))
}

var ackRE = regexp.MustCompile(`Pinned (p\d+)\. People who ask \\"(burst question \d+)\\"`)

// A moderator pins a burst of answers; the bot process is killed with
// SIGKILL in the middle. Every pin the bot acknowledged must be there after
// a restart, and the database must open cleanly.
func TestKillDuringBurstOfPinsLosesNoAcknowledgedPin(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a bot process")
	}
	f := fd.New(t)
	dataDir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OB_TEST_CHILD=bot", "DISCORD_TOKEN="+fd.Token, "DISCORD_API_URL="+f.URL(),
		"DATA_DIR="+dataDir, "LOG_LEVEL=error", "GOGC=")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
		}
		cmd.Wait()
	}()
	// Wait for the bot to register its commands: it is connected.
	select {
	case r := <-f.Requests():
		if !strings.HasSuffix(r.Path, "/commands") {
			t.Fatalf("first request %s %s", r.Method, r.Path)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the bot did not connect within 30 s")
	}

	const burst, killAfter = 60, 25
	go func() {
		for n := 1; n <= burst; n++ {
			ic := fd.Interaction(2, map[string]any{"id": "91", "name": "pin", "type": 1, "options": []any{map[string]any{
				"name": "add", "type": 1, "options": []any{
					map[string]any{"name": "question", "type": 3, "value": "burst question " + itoa(n)},
					map[string]any{"name": "answer", "type": 3, "value": "answer " + itoa(n)}}}}})
			ic["member"] = fd.Member("701", 1<<51)
			f.Dispatch("INTERACTION_CREATE", ic)
		}
	}()
	acked := map[string]string{} // question → pin id
	deadline := time.After(30 * time.Second)
	for len(acked) < killAfter {
		select {
		case r := <-f.Requests():
			if m := ackRE.FindStringSubmatch(string(r.Body)); m != nil {
				acked[m[2]] = m[1]
			}
		case <-deadline:
			t.Fatalf("only %d pins acknowledged in 30 s", len(acked))
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed = true
	cmd.Wait()
	// Acknowledgements that were already in flight count too.
	for {
		select {
		case r := <-f.Requests():
			if m := ackRE.FindStringSubmatch(string(r.Body)); m != nil {
				acked[m[2]] = m[1]
			}
			continue
		default:
		}
		break
	}

	store, err := boltstore.Open(filepath.Join(dataDir, "pins.db"))
	if err != nil {
		t.Fatalf("database after SIGKILL: %v", err)
	}
	defer store.Close()
	got, err := store.List(t.Context(), fd.GuildID)
	if err != nil {
		t.Fatalf("read pins after SIGKILL: %v", err)
	}
	have := map[string]string{}
	for _, p := range got {
		have[p.Questions[0]] = p.ID
	}
	for q, id := range acked {
		if have[q] != id {
			t.Errorf("acknowledged pin %s (%q) lost after SIGKILL", id, q)
		}
	}
	t.Logf("%d pins acknowledged before the kill, %d stored", len(acked), len(got))
}

func itoa(n int) string { return strconv.Itoa(n) }

// A full run of the bot process: the token never reaches the logs (even
// at debug level, even when someone pastes it into a question), /healthz
// is ready while connected, and SIGTERM stops it cleanly within 10 s.
func TestFullRunLogsNoTokenAndStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a bot process")
	}
	f := fd.New(t)
	var logs strings.Builder
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OB_TEST_CHILD=bot", "DISCORD_TOKEN="+fd.Token, "DISCORD_API_URL="+f.URL(),
		"DATA_DIR="+t.TempDir(), "LOG_LEVEL=debug", "LOG_FORMAT=json", "METRICS_ADDR=127.0.0.1:0")
	cmd.Stderr = &syncWriter{w: &logs}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	select {
	case <-f.Requests(): // registration: connected
	case <-time.After(30 * time.Second):
		t.Fatal("no connection")
	}
	addrRE := regexp.MustCompile(`"msg":"metrics listening","addr":"([^"]+)"`)
	var addr string
	for i := 0; i < 100 && addr == ""; i++ {
		if m := addrRE.FindStringSubmatch(cmd.Stderr.(*syncWriter).String()); m != nil {
			addr = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	if addr == "" {
		t.Fatalf("no metrics address in the logs:\n%s", cmd.Stderr.(*syncWriter).String())
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz while connected: %v %v", resp, err)
	}
	for _, q := range []string{"what was the vote", "my token is " + fd.Token + " help", "Bot " + fd.Token} {
		ic := fd.Interaction(2, map[string]any{"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": q}}})
		ic["member"] = fd.Member(strconv.Itoa(len(q)), 0)
		f.Dispatch("INTERACTION_CREATE", ic)
		<-f.Requests()
	}
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, cmd.Stderr.(*syncWriter).String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after SIGTERM")
	}
	t.Logf("stopped %v after SIGTERM", time.Since(start))
	out := cmd.Stderr.(*syncWriter).String()
	if strings.Contains(out, fd.Token) {
		t.Fatalf("the token appears in the logs:\n%s", out)
	}
	if !strings.Contains(out, `"msg":"ready"`) || !strings.Contains(out, `"msg":"stopped"`) {
		t.Fatalf("logs lack ready/stopped lines:\n%s", out)
	}
}

// syncWriter lets the test read what the child wrote so far.
type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}
