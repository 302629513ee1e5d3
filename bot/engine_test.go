package bot

import (
	"sync"
	"testing"

	"ordinancebot/index"
)

var (
	engOnce sync.Once
	eng     *index.Engine
	engErr  error
)

func testEngine(t testing.TB) *index.Engine {
	t.Helper()
	engOnce.Do(func() {
		eng, engErr = index.NewDefault("", index.DefaultOptions())
	})
	if engErr != nil {
		t.Fatal(engErr)
	}
	return eng
}
