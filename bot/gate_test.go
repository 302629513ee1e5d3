package bot

import (
	"sync"
	"testing"
	"time"
)

// Work entering while shutdown closes the gate is either counted and
// waited for, or refused: never started after the wait ended (run with
// -race: the WaitGroup this replaced raced here).
func TestGateNeverLetsWorkInAfterClosing(t *testing.T) {
	for range 200 {
		var g gate
		var wg sync.WaitGroup
		var mu sync.Mutex
		var closed bool
		for range 4 {
			wg.Go(func() {
				if !g.enter() {
					return
				}
				mu.Lock()
				if closed {
					t.Error("work entered after the gate had drained")
				}
				mu.Unlock()
				time.Sleep(time.Microsecond)
				g.leave()
			})
		}
		<-g.close()
		mu.Lock()
		closed = true
		mu.Unlock()
		if g.enter() {
			t.Fatal("a closed gate let work in")
		}
		wg.Wait()
	}
}

func TestGateCloseWaitsForWorkInFlight(t *testing.T) {
	var g gate
	if !g.enter() {
		t.Fatal("an open gate refused work")
	}
	done := g.close()
	select {
	case <-done:
		t.Fatal("closed while work was in flight")
	default:
	}
	g.leave()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("not closed after the work left")
	}
}
