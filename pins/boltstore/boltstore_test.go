package boltstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

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

// A queue written before the indexes existed is indexed on first use: a
// same-text question still counts on its entry, and eviction sees it.
func TestQueueFromBeforeTheIndexesIsIndexed(t *testing.T) {
	s, _ := open(t)
	old := pins.Entry{ID: "q1", Question: "what about parking", Count: 4, Reason: pins.ReasonNoAnswer,
		FirstAsked: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), LastAsked: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte("1"), bucketQueue)
		if err != nil {
			return err
		}
		if err := b.SetSequence(1); err != nil {
			return err
		}
		return putJSON(b, old.ID, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Enqueue(t.Context(), "1", pins.Queued{Question: "What about PARKING", Reason: pins.ReasonNoAnswer, At: time.Now(), User: "a"})
	if err != nil || e.ID != "q1" || e.Count != 5 {
		t.Fatalf("same text on an old entry: %+v, %v", e, err)
	}
	if err := s.Dismiss(t.Context(), "1", "q1"); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Enqueue(t.Context(), "1", pins.Queued{Question: "what about parking", Reason: pins.ReasonNoAnswer, At: time.Now()}); e.ID == "q1" || e.Count != 1 {
		t.Fatalf("after dismissal: %+v", e)
	}
}
