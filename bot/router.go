package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// Responder carries out what a handler does beyond its interaction
// response: posting, editing the deferred response, pinning. The gateway
// adapter implements it with the REST session; tests record it.
type Responder interface {
	SendMessage(ctx context.Context, channelID string, m *discordgo.MessageSend) (*discordgo.Message, error)
	EditResponse(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
	FollowUp(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) (*discordgo.Message, error)
	Pin(ctx context.Context, channelID, messageID string) error
	React(ctx context.Context, channelID, messageID, emoji string) error
}

// after is work that runs once the interaction response has been sent:
// what may be slow goes there, behind a deferral.
type after = func(ctx context.Context, r Responder)

// Reply is what the router decided for one interaction. The adapter sends
// Response (if any), then calls Finish whatever happened.
type Reply struct {
	Response *discordgo.InteractionResponse
	after    after
	done     []func()
}

// Finish runs the follow-up work when the response was sent, then
// releases the interaction (in-flight count, metrics).
func (rp *Reply) Finish(ctx context.Context, r Responder, sent bool, log func(msg string, args ...any)) {
	defer func() {
		for i := len(rp.done) - 1; i >= 0; i-- {
			rp.done[i]()
		}
	}()
	defer recoverTo(log, "interaction follow-up")
	if sent && rp.after != nil {
		rp.after(ctx, r)
	}
}

// handler answers one interaction.
type handler func(ctx context.Context, i *discordgo.Interaction) (*Reply, error)

// middleware wraps a handler with policy shared by every transport.
type middleware func(handler) handler

// Router turns an interaction into its reply through one middleware chain.
type Router struct{ h handler }

func (b *Bot) newRouter() *Router {
	h := func(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
		resp, aft, err := b.handle(ctx, i)
		return &Reply{Response: resp, after: aft}, err
	}
	// Innermost first. Closing turns work away before it is counted; a
	// panic becomes an error like any other, so the user hears back.
	for _, m := range []middleware{b.recoverPanics, b.metrics, b.inFlight, b.refuseWhenClosing, b.errorReplies} {
		h = m(h)
	}
	return &Router{h: h}
}

// Handle decides the reply to one interaction; it never fails.
func (r *Router) Handle(ctx context.Context, i *discordgo.Interaction) *Reply {
	rp, _ := r.h(ctx, i)
	return rp
}

// errorReplies turns a handler's error into the ephemeral reply: a
// UserError's message, or a generic apology; the details go to the log.
func (b *Bot) errorReplies(next handler) handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
		rp, err := next(ctx, i)
		if rp == nil {
			rp = &Reply{}
		}
		if err == nil {
			return rp, nil
		}
		msg := i18n.T(replyLang(i), i18n.Generic)
		var ue *UserError
		if errors.As(err, &ue) {
			msg = ue.Msg
			if ue.Err != nil {
				// A refusal with a cause is a failure the user was told
				// about (the store down): operators must see it too.
				b.log.Error("interaction failed", "type", i.Type.String(), "reply", ue.Msg, "err", ue.Err)
			}
		} else {
			b.log.Error("interaction failed", "type", i.Type.String(), "err", err)
		}
		rp.Response, rp.after = errorResponse(msg), nil
		return rp, nil
	}
}

func (b *Bot) metrics(next handler) handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
		start := time.Now()
		rp, err := next(ctx, i)
		if rp == nil {
			rp = &Reply{}
		}
		rp.done = append(rp.done, func() { b.obs.Interaction(i.Type.String(), time.Since(start)) })
		return rp, err
	}
}

// inFlight counts the interaction until Finish, so shutdown waits for
// its follow-up work too.
func (b *Bot) inFlight(next handler) handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
		if !b.work.enter() {
			return next(ctx, i) // shutting down: refuseWhenClosing answers it
		}
		handed := false
		defer func() {
			if !handed { // a panic below: nothing will Finish this reply
				b.work.leave()
			}
		}()
		rp, err := next(ctx, i)
		if rp == nil {
			rp = &Reply{}
		}
		rp.done = append(rp.done, b.work.leave)
		handed = true
		return rp, err
	}
}

// refuseWhenClosing answers new work during shutdown with a retry hint;
// autocomplete gets nothing, as a hint there would read as a choice.
func (b *Bot) refuseWhenClosing(next handler) handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
		if !b.closing.Load() {
			return next(ctx, i)
		}
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return &Reply{}, nil
		}
		return nil, userError(i18n.T(replyLang(i), i18n.Restarting), nil)
	}
}

func (b *Bot) recoverPanics(next handler) handler {
	return func(ctx context.Context, i *discordgo.Interaction) (rp *Reply, err error) {
		defer func() {
			if r := recover(); r != nil {
				b.log.Error("handler panic", "handler", "interaction", "panic", r, "stack", string(debug.Stack()))
				rp, err = nil, errors.New("handler panic")
			}
		}()
		return next(ctx, i)
	}
}

// recoverTo keeps a panic from killing the process.
func recoverTo(log func(msg string, args ...any), what string) {
	if r := recover(); r != nil {
		log("handler panic", "handler", what, "panic", r, "stack", string(debug.Stack()))
	}
}

// UserError is a failure with the words a user may see; Err, if any, is
// the cause, for the log only.
type UserError struct {
	Msg string
	Err error
}

func (e *UserError) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *UserError) Unwrap() error { return e.Err }

func userError(msg string, err error) error { return &UserError{Msg: msg, Err: err} }

// sessionResponder is the Responder over the gateway's REST session.
type sessionResponder struct{ s *discordgo.Session }

// SendMessage posts with a fresh nonce and enforce_nonce: Discord then
// creates at most one message for it, however often the post is sent, so
// a retry after a 504 (which Discord may send after creating the message)
// cannot post the answer twice, and the retry transport may replay it.
// discordgo v0.29's MessageSend has no nonce fields, hence the wrapper;
// the bot never sends files, which would need discordgo's multipart path.
func (r sessionResponder) SendMessage(ctx context.Context, channelID string, m *discordgo.MessageSend) (*discordgo.Message, error) {
	if len(m.Files) > 0 || m.File != nil {
		return r.s.ChannelMessageSendComplex(channelID, m, discordgo.WithContext(ctx))
	}
	if m.Embed != nil {
		m.Embeds, m.Embed = append([]*discordgo.MessageEmbed{m.Embed}, m.Embeds...), nil
	}
	for _, e := range m.Embeds {
		if e.Type == "" {
			e.Type = discordgo.EmbedTypeRich
		}
	}
	nonce, err := newNonce()
	if err != nil {
		return nil, err
	}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	body := struct {
		*discordgo.MessageSend
		Nonce        string `json:"nonce"`
		EnforceNonce bool   `json:"enforce_nonce"`
	}{m, nonce, true}
	resp, err := r.s.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(withReplaySafe(ctx)))
	if err != nil {
		return nil, err
	}
	var msg *discordgo.Message
	if err := json.Unmarshal(resp, &msg); err != nil {
		return nil, fmt.Errorf("decode posted message: %w", err)
	}
	return msg, nil
}

// newNonce is a message nonce: 24 hex digits (Discord allows 25
// characters), random so two posts never share one.
func newNonce() (string, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("message nonce: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

func (r sessionResponder) EditResponse(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	_, err := r.s.InteractionResponseEdit(i, e, discordgo.WithContext(ctx))
	return err
}

func (r sessionResponder) FollowUp(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) (*discordgo.Message, error) {
	return r.s.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx))
}

func (r sessionResponder) Pin(ctx context.Context, channelID, messageID string) error {
	return r.s.ChannelMessagePin(channelID, messageID, discordgo.WithContext(ctx))
}

func (r sessionResponder) React(ctx context.Context, channelID, messageID, emoji string) error {
	return r.s.MessageReactionAdd(channelID, messageID, emoji, discordgo.WithContext(ctx))
}
