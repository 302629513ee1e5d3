package fakediscord

import (
	"encoding/json"
	"strings"
	"testing"
)

// The validator must be able to fail: bodies past Discord's limits.
func TestSpecValidatorCatchesOversizedBodies(t *testing.T) {
	tooMany := make([]map[string]string, 26)
	for i := range tooMany {
		tooMany[i] = map[string]string{"name": "x", "value": "x"}
	}
	cases := map[string]any{
		"content 2001": map[string]any{"type": 4, "data": map[string]any{"content": strings.Repeat("a", 2001)}},
		"26 choices":   map[string]any{"type": 8, "data": map[string]any{"choices": tooMany}},
		"embed title":  map[string]any{"type": 4, "data": map[string]any{"embeds": []any{map[string]any{"title": strings.Repeat("t", 257)}}}},
		"embeds 6001": map[string]any{"type": 4, "data": map[string]any{"embeds": []any{
			map[string]any{"description": strings.Repeat("d", 4096)}, map[string]any{"description": strings.Repeat("d", 1905)}}}},
	}
	for name, body := range cases {
		b, _ := json.Marshal(body)
		if probs := Validate("POST", "/interactions/1/tok/callback", b); len(probs) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
	ok, _ := json.Marshal(map[string]any{"type": 4, "data": map[string]any{"content": "fine", "allowed_mentions": map[string]any{"parse": []any{}}}})
	if probs := Validate("POST", "/interactions/1/tok/callback", ok); len(probs) > 0 {
		t.Errorf("valid body rejected: %v", probs)
	}
}
