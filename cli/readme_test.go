package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeExampleIsTrue keeps the README's opening example what `ask`
// prints: the example's lines must be the start of today's output, as a
// golden file would. Change the README when the answer changes.
func TestReadmeExampleIsTrue(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const cmd = `$ go run . ask "will the city help ICE?"`
	_, rest, ok := strings.Cut(string(readme), cmd+"\n")
	if !ok {
		t.Fatalf("README.md has no %s example", cmd)
	}
	block, _, _ := strings.Cut(rest, "\n```")
	want := strings.TrimSuffix(block, "\n …")
	var out bytes.Buffer
	if err := Ask(Env{Stdout: &out, Style: "markdown"}, engine(t), AskArgs{Top: 3, Question: "will the city help ICE?", Lang: "auto"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), want+"\n") {
		t.Fatalf("README.md's example is not what ask prints; replace it with the start of:\n%s", out.String())
	}
}
