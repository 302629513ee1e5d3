package boltstore

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"ordinancebot/pins"
)

// BenchmarkEnqueueAtCap is one new question on a full queue (pins.MaxQueue
// entries): it evicts the least asked entry and adds its own, inside one
// committed (fsynced) transaction. The old store scanned and decoded the
// whole queue here.
func BenchmarkEnqueueAtCap(b *testing.B) {
	for _, fill := range []int{10, pins.MaxQueue} {
		b.Run(fmt.Sprintf("queue-%d", fill), func(b *testing.B) { benchEnqueue(b, fill) })
	}
}

func benchEnqueue(b *testing.B, fill int) {
	s, err := Open(filepath.Join(b.TempDir(), "pins.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for k := 0; k < fill; k++ {
		if _, err := s.Enqueue(b.Context(), "g", pins.Queued{Question: fmt.Sprintf("filler question %d", k), Reason: pins.ReasonNoAnswer, At: start, User: "u"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for k := 0; b.Loop(); k++ {
		if _, err := s.Enqueue(b.Context(), "g", pins.Queued{Question: fmt.Sprintf("new question %d", k), Reason: pins.ReasonNoAnswer, At: start.Add(time.Duration(k) * time.Second), User: "u"}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if q, _ := s.Queue(b.Context(), "g", 0); fill == pins.MaxQueue && len(q) != pins.MaxQueue {
		b.Fatalf("queue of %d", len(q))
	}
}
