package pgstore

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"ordinancebot/internal/pgtest"
	"ordinancebot/pins"
	"ordinancebot/pins/pinstest"
)

// BenchmarkAdd is a pin add as a moderator's click does it: one committed
// statement. It reports p50 and p99 over b.N adds; "2 replicas" adds from
// two pools at once into one guild, the contended case.
// go test ./pins/pgstore -run '^$' -bench Add -benchtime 2000x
func BenchmarkAdd(b *testing.B) {
	for _, replicas := range []int{1, 2} {
		b.Run(fmt.Sprintf("%d replicas", replicas), func(b *testing.B) {
			url := pgtest.URL(b)
			stores := make([]*Store, replicas)
			for i := range stores {
				s, err := Open(context.Background(), url, Options{})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				stores[i] = s
			}
			lat := make([][]time.Duration, replicas)
			b.ResetTimer()
			var wg sync.WaitGroup
			for r, s := range stores {
				wg.Go(func() {
					for i := r; i < b.N; i += replicas {
						start := time.Now()
						if _, err := s.Add(context.Background(), pins.Pin{Guild: "g", Questions: []string{fmt.Sprint("question ", i)}, Answer: "An answer of some length, as moderators write them."}); err != nil {
							b.Error(err)
							return
						}
						lat[r] = append(lat[r], time.Since(start))
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			all := slices.Concat(lat...)
			slices.Sort(all)
			if len(all) > 0 {
				b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
			}
		})
	}
}

// BenchmarkEnqueueAtCap is one new question on a full queue (pins.MaxQueue
// entries): count, evict the least asked entry through queue_evict, add
// the new one and its asker, in one transaction under the guild's lock.
func BenchmarkEnqueueAtCap(b *testing.B) {
	pinstest.BenchEnqueueAtCap(b, func(b *testing.B) pins.Store {
		s, err := Open(b.Context(), pgtest.URL(b), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	})
}
