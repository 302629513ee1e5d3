// Package testengine gives tests outside package index one shared engine
// over the embedded corpus: it is immutable, so building it once is enough.
package testengine

import (
	"sync"
	"testing"

	"ordinancebot/index"
)

var (
	once sync.Once
	eng  *index.Engine
	err  error
)

// Get returns the shared engine, failing tb if it cannot be built.
func Get(tb testing.TB) *index.Engine {
	tb.Helper()
	once.Do(func() { eng, err = index.NewDefault("", index.DefaultOptions()) })
	if err != nil {
		tb.Fatalf("build engine: %v", err)
	}
	return eng
}
