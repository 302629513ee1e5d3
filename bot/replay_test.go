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
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/internal/golden"
	"ordinancebot/internal/testengine"
	"ordinancebot/pins"
	"ordinancebot/pins/boltstore"
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
// compares the response it returns with a golden file. Those in
// with-store/ go to a bot whose server has pins and an unanswered queue
// (seedStore); the others to one without a store, as a bot runs without
// PINS_DB: no feedback or pin buttons under its answers.
func TestReplayRecordedInteractions(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	b, err := New(Config{Token: "x.y.z", Logger: logger}, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{} // names share testdata/golden
	replay(t, b, "testdata/interactions", seen)

	bs, err := boltstore.Open(filepath.Join(t.TempDir(), "pins.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bs.Close() })
	seedStore(t, bs, "100")
	sb, err := New(Config{Token: "x.y.z", Logger: logger, Store: bs}, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	replay(t, sb, "testdata/interactions/with-store", seen)
}

// seedStore gives guild a pinned answer and two queued questions, at fixed
// times: the golden files show the dates.
func seedStore(t *testing.T, s pins.Store, guild string) {
	t.Helper()
	ctx := t.Context()
	at := time.Date(2026, 3, 14, 18, 30, 0, 0, time.UTC)
	if _, err := s.Add(ctx, pins.Pin{Guild: guild, Questions: []string{"Can ICE use city parking lots as a staging area?"},
		Answer:    "**No.** Executive Directive 17 (2025) bars ICE from staging on city property, parking lots included.",
		Citations: []string{"summary-later-events-7"}, PinnedBy: "800", PinnedAt: at}); err != nil {
		t.Fatal(err)
	}
	for n, q := range []pins.Queued{
		{Question: "does the ordinance cover LAX?", Reason: pins.ReasonNoAnswer, At: at.Add(time.Hour), User: "701"},
		{Question: "does the ordinance cover LAX?", Reason: pins.ReasonNoAnswer, At: at.Add(2 * time.Hour), User: "702"},
		{Question: "is the airport covered by it", Reason: pins.ReasonNoAnswer, At: at.Add(3 * time.Hour), User: "703", Rewords: "q1"},
		{Question: "when does the ordinance take effect?", Reason: pins.ReasonNotHelpful, At: at.Add(4 * time.Hour), User: "701"},
	} {
		if _, err := s.Enqueue(ctx, guild, q); err != nil {
			t.Fatalf("enqueue %d: %v", n, err)
		}
	}
}

// replay runs each recorded interaction in dir (not below it) through b's
// router and checks its response and side effects against
// testdata/golden/<name>.json.
func replay(t *testing.T, b *Bot, dir string, seen map[string]bool) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no recorded interactions in %s", dir)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if seen[name] {
			t.Errorf("two recorded interactions named %s would share one golden file", name)
			continue
		}
		seen[name] = true
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
