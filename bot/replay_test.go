package bot

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/internal/golden"
	"ordinancebot/internal/testengine"
)

// recorder is a Responder that keeps what handlers asked of Discord.
type recorder struct{ calls []string }

func (r *recorder) SendMessage(_ context.Context, ch string, _ *discordgo.MessageSend) (*discordgo.Message, error) {
	r.calls = append(r.calls, "send "+ch)
	return &discordgo.Message{ID: "1"}, nil
}
func (r *recorder) EditResponse(context.Context, *discordgo.Interaction, *discordgo.WebhookEdit) error {
	r.calls = append(r.calls, "edit")
	return nil
}
func (r *recorder) FollowUp(context.Context, *discordgo.Interaction, *discordgo.WebhookParams) (*discordgo.Message, error) {
	r.calls = append(r.calls, "follow-up")
	return &discordgo.Message{}, nil
}
func (r *recorder) Pin(_ context.Context, ch, msg string) error {
	r.calls = append(r.calls, "pin "+ch+"/"+msg)
	return nil
}
func (r *recorder) React(_ context.Context, ch, msg, emoji string) error {
	r.calls = append(r.calls, "react "+emoji)
	return nil
}

// TestReplayRecordedInteractions feeds each recorded interaction in
// testdata/interactions through the router, no gateway involved, and
// compares the response it returns with a golden file.
func TestReplayRecordedInteractions(t *testing.T) {
	b, err := New(Config{Token: "x.y.z", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/interactions/*.json")
	if len(files) == 0 {
		t.Fatal("no recorded interactions")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var i discordgo.Interaction
			if err := json.Unmarshal(raw, &i); err != nil {
				t.Fatal(err)
			}
			rp := b.router.Handle(t.Context(), &i)
			rec := &recorder{}
			rp.Finish(t.Context(), rec, true, b.log.Error)
			out, err := json.MarshalIndent(map[string]any{"response": rp.Response, "side_effects": rec.calls}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", name+".json"), append(out, '\n'), name+" reply")
		})
	}
}
