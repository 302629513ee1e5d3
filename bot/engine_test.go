package bot

import (
	"sync"
	"testing"

	"ordinancebot/corpus"
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
		c, err := corpus.Default("")
		if err != nil {
			engErr = err
			return
		}
		eng, engErr = index.New(c, index.DefaultOptions())
	})
	if engErr != nil {
		t.Fatal(engErr)
	}
	return eng
}
