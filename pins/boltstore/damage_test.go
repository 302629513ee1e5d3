package boltstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ordinancebot/pins"
)

// A damaged file is mapped into memory by bbolt: a bad page can be a
// SIGBUS or SIGSEGV, which no recover() in the test would see. Each case
// therefore runs in a child process (this test binary, re-executed with
// childEnv set) and the parent looks at how the child ended.
const childEnv = "BOLTSTORE_DAMAGE_CHILD"

// TestMain lets a child run one scenario instead of the tests.
func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode, os.Getenv(childEnv+"_DB")))
	}
	os.Exit(m.Run())
}

// child opens the database and uses it, printing what happened. It exits 0
// whenever the store answered with errors instead of crashing.
func child(mode, path string) int {
	ctx := contextBG()
	s, err := Open(path)
	if err != nil {
		fmt.Printf("REFUSED %v\n", err)
		return 0
	}
	defer s.Close()
	switch mode {
	case "use":
		ps, err := s.Export(ctx, "")
		var sk *pins.SkippedError
		switch {
		case errors.As(err, &sk):
			fmt.Printf("OPENED pins=%d skipped=%d\n", len(ps), len(sk.Records))
		case err != nil:
			fmt.Printf("OPENED export error: %v\n", err)
		default:
			fmt.Printf("OPENED pins=%d skipped=0\n", len(ps))
		}
		if _, err := s.Add(ctx, pins.Pin{Guild: "100", Questions: []string{"still working?"}, Answer: "yes"}); err != nil {
			fmt.Printf("ADD error: %v\n", err)
		}
	case "truncate-under", "replace-under":
		if mode == "truncate-under" {
			if err := os.Truncate(path, 8192); err != nil {
				fmt.Println("setup:", err)
				return 3
			}
		} else {
			other := path + ".new"
			if err := os.WriteFile(other, []byte("not a database"), 0o600); err != nil || os.Rename(other, path) != nil {
				fmt.Println("setup failed")
				return 3
			}
		}
		for g := 100; g < 107; g++ {
			_, err := s.List(ctx, fmt.Sprint(g))
			fmt.Printf("LIST %d %v\n", g, err)
		}
		_, err := s.Add(ctx, pins.Pin{Guild: "100", Questions: []string{"q"}, Answer: "a"})
		fmt.Printf("ADD %v\n", err)
	}
	return 0
}

// seeded writes a database of 300 pins over 7 guilds: enough for branch
// pages, overflow-free leaves and a freelist.
func seeded(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pins.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if _, err := s.Add(t.Context(), pins.Pin{Guild: fmt.Sprint(100 + i%7), Questions: []string{fmt.Sprint("question ", i)},
			Answer: strings.Repeat("answer ", 30)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Remove(t.Context(), "100", "p1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// runChild runs one scenario on a copy of data and returns the child's
// output; a crash, panic or non-zero exit fails the test.
func runChild(t *testing.T, mode string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pins.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childEnv+"_DB="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: the store crashed (%v):\n%.1500s", mode, err, out.String())
	}
	if after, err := os.ReadFile(path); mode == "use" && strings.HasPrefix(out.String(), "REFUSED") && (err != nil || !bytes.Equal(after, data)) {
		t.Fatalf("%s: a refused file was changed (%d bytes, was %d)", mode, len(after), len(data))
	}
	return out.String()
}

func TestZeroLengthFileIsRefusedAndKept(t *testing.T) {
	out := runChild(t, "use", nil)
	if !strings.HasPrefix(out, "REFUSED") || !strings.Contains(out, "pins.db is empty") || !strings.Contains(out, "pins import") {
		t.Fatalf("a zero-length pins.db must be refused, naming the file and how to restore it; got:\n%s", out)
	}
}

func TestTruncatedFileIsRefused(t *testing.T) {
	_, data := seeded(t)
	m, ok := readMeta(bytes.NewReader(data), 4096)
	if !ok {
		t.Fatal("no meta page")
	}
	used := int(m.hwm) * int(m.pageSize) // bbolt preallocates: the tail past this is free space
	for _, n := range []int{1, 100, 4096, 4096 + 100, 8192, 3 * 4096, used / 2, used - 1} {
		out := runChild(t, "use", data[:n])
		if !strings.HasPrefix(out, "REFUSED") || !strings.Contains(out, "pins.db") {
			t.Errorf("truncated to %d of %d bytes: want a refusal naming the file, got:\n%s", n, len(data), out)
		}
	}
}

// Bit flips anywhere in the file: the store either refuses the file or
// opens it and keeps working, skipping what it cannot read. Never a crash.
func TestBitFlippedFileNeverCrashes(t *testing.T) {
	_, data := seeded(t)
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	trials := 60
	if testing.Short() {
		trials = 30
	}
	for trial := range trials {
		bad := bytes.Clone(data)
		for range 1 + trial%4 {
			i := rng.IntN(len(bad))
			bad[i] ^= 1 << rng.IntN(8)
		}
		out := runChild(t, "use", bad)
		switch {
		case strings.HasPrefix(out, "REFUSED"):
			outcomes["refused"]++
		case strings.Contains(out, "skipped=0"):
			outcomes["opened"]++
		default:
			outcomes["opened, records skipped"]++
		}
	}
	t.Logf("%d bit-flipped files: %v", trials, outcomes)
}

// A flip inside one pin's JSON: the file opens, that pin is skipped and
// named, the others are exported, and new pins are still saved.
func TestBadRecordIsSkippedAndTheRestWorks(t *testing.T) {
	_, data := seeded(t)
	i := bytes.Index(data, []byte(`"question 42"`))
	if i < 0 {
		t.Fatal("record not found")
	}
	bad := bytes.Clone(data)
	bad[i] = '{' // the JSON no longer parses
	out := runChild(t, "use", bad)
	if !strings.Contains(out, "OPENED pins=298 skipped=1") || strings.Contains(out, "ADD error") {
		t.Fatalf("want 298 of 299 pins exported, 1 skipped, and adding still working; got:\n%s", out)
	}
	if !strings.Contains(out, `skipped damaged record`) || !strings.Contains(out, `record="guild 100 pins \"p7\""`) {
		t.Fatalf("the skipped record must be logged by name; got:\n%s", out)
	}
}

func TestFileTruncatedUnderTheRunningStore(t *testing.T) {
	_, data := seeded(t)
	out := runChild(t, "truncate-under", data)
	if strings.Count(out, "truncated while the bot ran") < 8 {
		t.Fatalf("every read and write after the truncation must be refused with a clear error; got:\n%s", out)
	}
}

func TestFileReplacedUnderTheRunningStore(t *testing.T) {
	_, data := seeded(t)
	out := runChild(t, "replace-under", data)
	if !strings.Contains(out, "LIST 100 <nil>") || !strings.Contains(out, "ADD save pin: pins database is damaged") || !strings.Contains(out, "replaced or removed") {
		t.Fatalf("reads keep working from the open file, writes are refused; got:\n%s", out)
	}
}

func TestMissingFileIsCreatedOnlyForTheBot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pins.db")
	if _, err := OpenWith(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "no pins database at "+path) {
		t.Fatalf("read-only open of a missing file: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a read-only open created the file")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func contextBG() context.Context { return context.Background() }

// Damaged page headers, the flips that made the old store panic or die:
// a page of the wrong type, or one that names another page's id.
func TestDamagedPageHeadersAreRefused(t *testing.T) {
	_, data := seeded(t)
	m, _ := readMeta(bytes.NewReader(data), 0)
	ps := int(m.pageSize)
	refused := 0
	for pg := 2; pg < int(m.hwm); pg += 5 {
		for _, c := range []struct {
			name string
			off  int
			val  byte
		}{{"type", 8, 0xff}, {"id", 0, byte(pg + 1)}} {
			bad := bytes.Clone(data)
			bad[pg*ps+c.off] = c.val
			out := runChild(t, "use", bad)
			if strings.HasPrefix(out, "REFUSED") {
				refused++
				if !strings.Contains(out, "pins.db") || !strings.Contains(out, "pins import") {
					t.Fatalf("page %d %s: the refusal must name the file and how to restore it:\n%s", pg, c.name, out)
				}
			}
		}
	}
	if refused == 0 {
		t.Fatal("no damaged page was noticed")
	}
	t.Logf("%d of %d damaged page headers refused at open (the rest are free pages)", refused, 2*((int(m.hwm)-2+4)/5))
}
