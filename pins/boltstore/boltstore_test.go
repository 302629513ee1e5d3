package boltstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ordinancebot/pins"
	"ordinancebot/pins/pinstest"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pins.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestConformance(t *testing.T) {
	pinstest.Run(t, func(t *testing.T) pins.Store { s, _ := open(t); return s })
}

func TestPinsAndSaltSurviveReopen(t *testing.T) {
	s, path := open(t)
	p, err := s.Add(t.Context(), pins.Pin{Guild: "1", Questions: []string{"Is it law?"}, Answer: "Yes, since December 2024."})
	if err != nil {
		t.Fatal(err)
	}
	key := s.UserKey("42")
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Get(t.Context(), "1", "p1")
	if err != nil || got.Answer != p.Answer || !got.PinnedAt.Equal(p.PinnedAt) {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	if s2.UserKey("42") != key {
		t.Fatal("the salt must persist, or votes would double after a restart")
	}
}

func TestUserKeyIsHashed(t *testing.T) {
	s, _ := open(t)
	if k := s.UserKey("alice"); strings.Contains(k, "alice") || len(k) != 32 {
		t.Fatalf("user key %q", k)
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	_, path := open(t)
	if _, err := Open(path); err == nil {
		t.Fatal("a second open of a held database succeeded")
	}
}

// Without a snapshot socket (an older bot), export fails fast and says
// who holds the file.
func TestReadOnlyOpenSaysWhoHoldsTheLock(t *testing.T) {
	_, path := open(t)
	start := time.Now()
	_, err := OpenReadOnly(path)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Fatalf("want ErrLocked naming this process, got %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("waited %s", took)
	}
}
