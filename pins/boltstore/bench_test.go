package boltstore

import (
	"path/filepath"
	"testing"

	"ordinancebot/pins"
	"ordinancebot/pins/pinstest"
)

// BenchmarkEnqueueAtCap is one new question on a full queue (pins.MaxQueue
// entries): it evicts the least asked entry and adds its own, inside one
// committed (fsynced) transaction. The old store scanned and decoded the
// whole queue here.
func BenchmarkEnqueueAtCap(b *testing.B) {
	pinstest.BenchEnqueueAtCap(b, func(b *testing.B) pins.Store {
		s, err := Open(filepath.Join(b.TempDir(), "pins.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	})
}
