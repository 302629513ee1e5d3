package pins

import (
	"strings"
	"testing"
)

func TestQuestionKeyIgnoresCaseAndSpaceAndStaysSmall(t *testing.T) {
	if QuestionKey(" Is  it\nLAW? ") != QuestionKey("is it law?") {
		t.Fatal("case and spacing should not matter")
	}
	long := strings.Repeat("word ", 100)
	if k := QuestionKey(long); len(k) > 200 || k == QuestionKey(long+"x") {
		t.Fatalf("long key %d bytes, or collides", len(k))
	}
}
