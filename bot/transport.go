package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
)

// HandleHTTP is the HTTP endpoint's adapter (an httpapi.Handler): the
// router decides, the response goes back in the HTTP body, and follow-up
// work (the webhook edit of a deferred reply, posts, pins) goes over REST.
func (b *Bot) HandleHTTP(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context, bool)) {
	if !b.firstDelivery(ctx, i) {
		return nil, nil
	}
	rp := b.router.Handle(ctx, i)
	return rp.Response, func(ctx context.Context, sent bool) {
		rp.Finish(ctx, sessionResponder{b.s}, sent, b.log.Error)
	}
}

// startREST is Start without a gateway: the application id comes from
// GET /applications/@me (there is no READY), then the same idempotent
// bulk overwrite of the commands, so replicas starting together agree.
func (b *Bot) startREST(ctx context.Context) error {
	// discordgo's Application("@me") asks the OAuth2 route; this is the
	// documented "Get Current Application" for a bot token.
	body, err := b.s.Request("GET", discordgo.EndpointApplication("@me"), nil, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("read the application (GET /applications/@me): %w", err)
	}
	var app discordgo.Application
	if err := json.Unmarshal(body, &app); err != nil {
		return fmt.Errorf("read the application: %w", err)
	}
	if app.ID == "" {
		return errors.New("GET /applications/@me gave no application id")
	}
	if _, err := b.s.ApplicationCommandBulkOverwrite(app.ID, b.cfg.GuildID, Commands(), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	scope := "globally"
	if b.cfg.GuildID != "" {
		scope = "in guild " + b.cfg.GuildID
	}
	b.onReady(b.s, nil)
	b.log.Info("ready", "gateway", "off", "application", app.ID, "commands", len(Commands()), "scope", scope)
	return nil
}

// firstDelivery reports whether this process should answer i: always
// without the HTTP endpoint; with it, only the first delivery of its id.
func (b *Bot) firstDelivery(ctx context.Context, i *discordgo.Interaction) bool {
	if !b.cfg.HTTPInteractions || i == nil || i.ID == "" {
		return true
	}
	if b.claims.first(ctx, i.ID, time.Now()) {
		return true
	}
	b.log.Info("interaction already answered elsewhere", "id", i.ID, "type", i.Type.String())
	return false
}

// claimHold is how long an interaction id is remembered: its token is
// good for 15 minutes, so no later delivery could be answered anyway.
const claimHold = 15 * time.Minute

// claims remembers which interaction ids were taken: in the shared store
// when there is one (replicas), else, or when it fails, in this process.
type claims struct {
	shared answer.Throttle
	log    *slog.Logger
	mu     sync.Mutex
	seen   map[string]time.Time
	swept  time.Time
}

func newClaims(shared answer.Throttle, log *slog.Logger) *claims {
	return &claims{shared: shared, log: log, seen: map[string]time.Time{}}
}

func (c *claims) first(ctx context.Context, id string, now time.Time) bool {
	if c.shared != nil {
		ok, _, err := c.shared.Take(ctx, "interaction\x00"+id, claimHold, 1, now)
		if err == nil {
			return ok
		}
		// Better a rare double answer than none.
		c.log.Warn("shared interaction claim unavailable; claiming locally", "err", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.Sub(c.swept) > time.Minute {
		c.swept = now
		for k, t := range c.seen {
			if now.Sub(t) > claimHold {
				delete(c.seen, k)
			}
		}
	}
	if _, dup := c.seen[id]; dup {
		return false
	}
	c.seen[id] = now
	return true
}
