package pinstest

import (
	"fmt"
	"testing"
	"time"

	"ordinancebot/pins"
)

// BenchEnqueueAtCap is one new question on a queue already holding fill
// entries (pins.MaxQueue: evict one, add one, committed), for any store;
// each store's BenchmarkEnqueueAtCap runs it with its own constructor.
func BenchEnqueueAtCap(b *testing.B, open func(b *testing.B) pins.Store) {
	for _, fill := range []int{10, pins.MaxQueue} {
		b.Run(fmt.Sprintf("queue-%d", fill), func(b *testing.B) {
			s := open(b)
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
		})
	}
}
