package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/internal/testengine"
	"ordinancebot/pins"
	"ordinancebot/pins/boltstore"
)

// downStore is a store whose database stopped answering writes.
type downStore struct{ pins.Store }

var errDown = errors.New("save pin: failed to connect to `host=db`: connection refused")

func (downStore) Add(context.Context, pins.Pin) (pins.Pin, error) { return pins.Pin{}, errDown }
func (downStore) Update(context.Context, string, string, func(*pins.Pin) error) (pins.Pin, error) {
	return pins.Pin{}, errDown
}
func (downStore) Vote(context.Context, string, string, string, bool) (int, int, error) {
	return 0, 0, errDown
}
func (downStore) Dismiss(context.Context, string, string) error { return errDown }

// A write the store could not commit is a short "not saved, try again" to
// the moderator, and an error line in the log: never a claimed success.
func TestFailedWritesAreNotClaimed(t *testing.T) {
	bs, err := boltstore.Open(filepath.Join(t.TempDir(), "pins.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Close()
	var logs strings.Builder
	b, err := New(Config{Token: "x.y.z", Store: downStore{bs}, Logger: slog.New(slog.NewTextHandler(&logs, nil))},
		answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	for name, ic := range map[string]map[string]any{
		"pin add":  as(pinSub("add", strOpt(optQ, "is it law"), strOpt(optAnswer, "yes")), discordgo.PermissionAdministrator),
		"vote":     as(buttonIC(idHelpful+"is it law", "m1", "400"), 0),
		"dismiss":  as(buttonIC(idQueueDismiss+"q1", "m1", "400"), discordgo.PermissionAdministrator),
		"pin edit": as(modalIC(modalPinEdit+"p1", map[string]string{inputQuestions: "q", inputAnswer: "a"}), discordgo.PermissionAdministrator),
	} {
		t.Run(name, func(t *testing.T) {
			raw, _ := json.Marshal(ic)
			var i discordgo.Interaction
			if err := json.Unmarshal(raw, &i); err != nil {
				t.Fatal(err)
			}
			rp := b.router.Handle(t.Context(), &i)
			if rp.Response == nil || rp.Response.Data == nil {
				t.Fatal("no reply")
			}
			msg := rp.Response.Data.Content
			if !strings.Contains(msg, "not saved") && !strings.Contains(msg, "Not saved") && !strings.Contains(msg, "Not dismissed") {
				t.Fatalf("reply %q does not say it was not saved", msg)
			}
			if !strings.Contains(msg, "try again") || rp.Response.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Fatalf("reply %q: want a private try-again", msg)
			}
			rp.Finish(t.Context(), &recorder{}, true, b.log.Error)
		})
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "connection refused") {
		t.Fatalf("no error logged:\n%s", logs.String())
	}
}
