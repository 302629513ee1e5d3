package bot

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

// Config is what the bot needs from the environment.
type Config struct {
	Token   string
	GuildID string // register commands to this guild only (instant)
	// APIURL is the base of Discord's REST API and gateway discovery,
	// default https://discord.com.
	APIURL string
	Logger *slog.Logger
	// Store keeps pinned answers, votes and the unanswered queue; nil
	// turns those features off.
	Store PinStore
	// ModRoleIDs are roles whose members may pin, besides those with
	// Manage Messages or Pin Messages in the channel (MOD_ROLE_IDS).
	ModRoleIDs []string
	// Cooldown and Burst are each user's token bucket (ASK_COOLDOWN,
	// ASK_BURST): Burst questions back to back, then one per Cooldown;
	// DuplicateWindow is how long the same answer is not posted again in a
	// channel (DUPLICATE_WINDOW). Zero turns either duration off; Burst
	// below 1 is 1.
	Cooldown, DuplicateWindow time.Duration
	Burst                     int
	// ShardID and ShardCount run this process as one of several shards
	// (SHARD_ID, SHARD_COUNT); zero ShardCount means one process.
	ShardID, ShardCount int
	// Observer counts questions, pins, feedback and latencies (metrics).
	Observer Observer
	// NoGateway runs without a gateway connection (DISCORD_GATEWAY=off),
	// for replicas that only serve the HTTP interactions endpoint. Mentions
	// and DMs come over the gateway only, so one process keeps it.
	NoGateway bool
	// HTTPInteractions says the HTTP endpoint serves this application
	// (INTERACTIONS_ADDR): every interaction is then claimed by id before
	// it is answered, through the store when it is shared, so one that
	// arrives over both the gateway and HTTP is answered once.
	HTTPInteractions bool
}

// Bot connects the engine to a Discord session.
type Bot struct {
	cfg      Config
	ans      *answer.Service
	obs      Observer
	work     gate
	closing  atomic.Bool
	ready    chan struct{}
	s        *discordgo.Session
	e        Searcher
	log      *slog.Logger
	store    PinStore
	modRoles map[string]bool
	router   *Router
	claims   *claims
}

// Permissions the bot asks for in its invite: see and answer in channels
// (embeds need EMBED_LINKS, replies READ_MESSAGE_HISTORY), and pin the
// answers moderators choose.
const invitePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory | permissionPinMessages

// InviteURL is the OAuth2 URL that adds the bot to a server.
func InviteURL(appID string) string {
	v := url.Values{}
	v.Set("client_id", appID)
	v.Set("scope", "bot applications.commands")
	v.Set("permissions", strconv.FormatInt(invitePermissions, 10))
	return "https://discord.com/oauth2/authorize?" + v.Encode()
}

// rewrite sends every request for discord.com to the configured base URL,
// so the real session code runs against a proxy or a fake.
type rewrite struct {
	target *url.URL
	next   http.RoundTripper
}

func (rt rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.URL.Scheme, r2.URL.Host, r2.Host = rt.target.Scheme, rt.target.Host, rt.target.Host
	if p := strings.TrimSuffix(rt.target.Path, "/"); p != "" {
		r2.URL.Path = p + r2.URL.Path
	}
	return rt.next.RoundTrip(r2)
}

// Searcher is what the bot needs of the search engine: answers (through
// the answer service), autocomplete suggestions and the corpus it shows.
type Searcher interface {
	answer.Searcher
	// SuggestLang offers autocomplete questions in the language of what
	// was typed, hint (the member's locale) deciding text too short to tell.
	SuggestLang(typed, hint string, n int) []string
	// KeySpans picks the few matched words of a hit that carry the match,
	// the only ones an answer shows in bold (index.Engine.KeySpans).
	KeySpans(h index.Hit, n int) []index.Span
	Corpus() *corpus.Corpus
}

// PinStore is what the bot needs of a pins.Store.
type PinStore interface {
	answer.Pins
	Add(ctx context.Context, p pins.Pin) (pins.Pin, error)
	Get(ctx context.Context, guildID, id string) (pins.Pin, error)
	Update(ctx context.Context, guildID, id string, fn func(*pins.Pin) error) (pins.Pin, error)
	Remove(ctx context.Context, guildID, id string) (pins.Pin, error)
	QueueEntry(ctx context.Context, guildID, id string) (pins.Entry, error)
	Dismiss(ctx context.Context, guildID, id string) error
}

// New prepares a session; Start connects it.
func New(cfg Config, e Searcher) (*Bot, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("no bot token")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s, err := discordgo.New("Bot " + strings.TrimPrefix(strings.TrimSpace(cfg.Token), "Bot "))
	if err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	var transport http.RoundTripper = http.DefaultTransport
	if cfg.APIURL != "" && strings.TrimSuffix(cfg.APIURL, "/") != "https://discord.com" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			// Not the value: it may carry a password.
			return nil, errors.New("DISCORD_API_URL is not an absolute URL")
		}
		transport = rewrite{target: u, next: transport}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: retryTransport{next: transport, retries: 3, pause: 200 * time.Millisecond}}
	// retryTransport alone decides what a 5xx may retry; discordgo's own
	// 502 retry would replay follow-up posts that Discord may have made.
	s.MaxRestRetries = 0
	if cfg.ShardCount > 1 {
		if cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
			return nil, fmt.Errorf("SHARD_ID %d is not in 0..%d", cfg.ShardID, cfg.ShardCount-1)
		}
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	// Only non-privileged intents: messages that mention the bot, and DMs,
	// carry their content without MESSAGE_CONTENT.
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	b := &Bot{cfg: cfg, s: s, e: e, log: cfg.Logger, ready: make(chan struct{}), store: cfg.Store,
		modRoles: map[string]bool{}, obs: cfg.Observer}
	if b.obs == nil {
		b.obs = noObserver{}
	}
	// A store shared by replicas (PostgreSQL) shares the cooldown and the
	// duplicate window too, so asking two replicas at once is one ask.
	throttle, _ := cfg.Store.(answer.Throttle)
	b.ans = answer.New(answer.Config{Searcher: e, Pins: cfg.Store, Cooldown: cfg.Cooldown, Burst: cfg.Burst, DuplicateWindow: cfg.DuplicateWindow,
		Observer: b.obs, Logger: cfg.Logger, Throttle: throttle})
	for _, r := range cfg.ModRoleIDs {
		if r = strings.TrimSpace(r); r != "" {
			b.modRoles[r] = true
		}
	}
	b.router = b.newRouter()
	b.claims = newClaims(throttle, b.log)
	s.AddHandler(b.onReady)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { b.obs.Reconnected() })
	return b, nil
}

// Session exposes the underlying session (for tests and shutdown).
func (b *Bot) Session() *discordgo.Session { return b.s }

// Start connects to the gateway, waits for READY and registers commands.
func (b *Bot) Start(ctx context.Context) error {
	if b.cfg.NoGateway {
		return b.startREST(ctx)
	}
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("connect to Discord: %w", err)
	}
	select {
	case <-b.ready:
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(30 * time.Second):
		return errors.New("no READY from Discord within 30 s")
	}
	appID := b.s.State.Application.ID
	if appID == "" {
		appID = b.s.State.User.ID
	}
	// Commands belong to the application, not a shard: shard 0 registers.
	if b.cfg.ShardID == 0 {
		if _, err := b.s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, Commands()); err != nil {
			return fmt.Errorf("register commands: %w", err)
		}
	}
	scope := "globally"
	if b.cfg.GuildID != "" {
		scope = "in guild " + b.cfg.GuildID
	}
	attrs := []any{"user", b.s.State.User.Username, "commands", len(Commands()), "scope", scope, "guilds", len(b.s.State.Guilds)}
	if len(b.s.State.Guilds) == 0 {
		attrs = append(attrs, "invite", InviteURL(appID))
	}
	b.log.Info("ready", attrs...)
	return nil
}

// Connected reports whether the gateway connection is up (for /healthz).
func (b *Bot) Connected() bool {
	select {
	case <-b.ready:
	default:
		return false
	}
	if b.closing.Load() {
		return false
	}
	if b.cfg.NoGateway {
		return true // HTTP-only replica: ready once the endpoint serves
	}
	// discordgo's heartbeat and Close write DataReady under the session's
	// embedded RWMutex, so it is read under that lock too (unlocked, it was
	// a data race with every heartbeat). While Open holds the lock to
	// reconnect, this waits for it; a prober's timeout then reads "not
	// ready", which is the truth at that moment.
	b.s.RLock()
	defer b.s.RUnlock()
	return b.s.DataReady
}

// Close stops taking new work, waits up to grace for what is in flight
// (answers being sent, pins being saved), then disconnects.
func (b *Bot) Close() error { return b.Shutdown(8 * time.Second) }

// Shutdown is Close with a chosen grace period.
func (b *Bot) Shutdown(grace time.Duration) error {
	b.closing.Store(true)
	done := b.work.close()
	select {
	case <-done:
	case <-time.After(grace):
		b.log.Warn("shutdown: work still in flight after the grace period", "grace", grace)
	}
	if err := b.s.Close(); err != nil {
		return fmt.Errorf("close session: %w", err)
	}
	return nil
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	select {
	case <-b.ready:
	default:
		close(b.ready)
	}
}

// onInteraction is the gateway adapter: the router decides, this sends.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	ctx := context.Background()
	if !b.firstDelivery(ctx, ic.Interaction) {
		return
	}
	rp := b.router.Handle(ctx, ic.Interaction)
	sent := false
	if rp.Response != nil {
		if err := s.InteractionRespond(ic.Interaction, rp.Response); err != nil {
			b.log.Error("respond to interaction", "type", ic.Type.String(), "err", err)
		} else {
			sent = true
			b.log.Debug("answered interaction", "type", ic.Type.String())
		}
	}
	rp.Finish(ctx, sessionResponder{s}, sent, b.log.Error)
}

func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	defer recoverTo(b.log.Error, "message")
	if m.Author == nil || m.Author.Bot || s.State.User == nil || b.closing.Load() {
		return
	}
	if !b.work.enter() {
		return // shutting down
	}
	defer b.work.leave()
	me := s.State.User.ID
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == me {
			mentioned = true
		}
	}
	if !mentioned && m.GuildID != "" {
		return
	}
	question := mentionRE.ReplaceAllStringFunc(m.Content, func(tag string) string {
		if strings.Contains(tag, me) {
			return " "
		}
		return tag
	})
	ctx := context.Background()
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	// A message carries no locale: its text alone tells the language.
	via := "mention"
	if m.GuildID == "" {
		via = "dm"
	}
	req := answer.Request{Guild: m.GuildID, Channel: m.ChannelID, User: m.Author.ID, Question: question, Via: via,
		Context: repliedQuestion(m.ReferencedMessage, me)}
	if m.ReferencedMessage == nil {
		req.Earlier = func(ctx context.Context) string { return b.earlierQuestion(ctx, s, m.Message, me) }
	}
	a, err := b.ans.Ask(ctx, req)
	var cd *answer.Cooldown
	var msg *discordgo.MessageSend
	switch {
	case errors.As(err, &cd):
		// A reply would be a post of its own, the flood the limit is
		// there to stop; a reaction is seen by the asker and adds nothing
		// to the channel. Never silence: they would ask again.
		if err := (sessionResponder{s}).React(ctx, m.ChannelID, m.ID, reactionWait); err != nil {
			b.log.Warn("react to a refused mention", "channel", m.ChannelID, "err", err)
		}
		return
	case err != nil:
		b.log.Error("answer mention", "err", err)
		msg = &discordgo.MessageSend{Content: i18n.T(questionLang(question, nil), i18n.MentionFailed), AllowedMentions: noMentions}
	case m.GuildID != "" && a.Result.Evidence.Chat && a.Result.Reason == index.ReasonChat:
		// "thanks @ordinancebot", "gm @ordinancebot": a reply would be a post
		// about nothing in a busy channel; a reaction answers in kind. A
		// question about the bot itself, or any chat in a DM, gets the
		// reply saying what the bot does.
		if err := (sessionResponder{s}).React(ctx, m.ChannelID, m.ID, reactionChat); err != nil {
			b.log.Warn("react to chat", "channel", m.ChannelID, "err", err)
		}
		return
	case a.Duplicate && a.Result.Reason != index.ReasonEmpty: // a blank mention is not a repeat
		msg = &discordgo.MessageSend{Content: i18n.T(a.Lang, i18n.AnsweredAbove), AllowedMentions: noMentions}
		a = nil
	default:
		msg = b.answerMessage(a)
	}
	msg.Reference = ref
	if _, err := (sessionResponder{s}).SendMessage(ctx, m.ChannelID, msg); err != nil {
		b.log.Error("reply to mention", "channel", m.ChannelID, "err", err)
	}
	if a != nil {
		b.ans.Delivered(ctx, a)
	}
}

// repliedQuestion is the question the bot answered in ref, when the
// mention replies to one of its answers ("@ordinancebot what about
// contractors?" under the answer to "what can't city workers do"): the
// answer's buttons carry it (withQuestion). "" for anything else.
func repliedQuestion(ref *discordgo.Message, me string) string {
	if ref == nil || ref.Author == nil || ref.Author.ID != me {
		return ""
	}
	for _, c := range ref.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range row.Components {
			btn, ok := c.(*discordgo.Button)
			if !ok {
				continue
			}
			for _, prefix := range []string{idHelpful, idNotHelpful, idPinAnswer} {
				if q, ok := strings.CutPrefix(btn.CustomID, prefix); ok && strings.TrimSpace(q) != "" {
					return q
				}
			}
			if rest, ok := strings.CutPrefix(btn.CustomID, idMore); ok {
				if _, q, ok := strings.Cut(rest, ":"); ok && strings.TrimSpace(q) != "" {
					return q
				}
			}
		}
	}
	return ""
}

// Bounds on looking back for the answer a message follows up: Discord's
// recent messages before it, the bot's reply to the same asker, not older
// than earlierWindow (a question asked after that starts a new thread).
const (
	earlierMessages = 20
	earlierWindow   = 10 * time.Minute
	earlierTimeout  = 2 * time.Second
)

// earlierQuestion is the question of the bot's last answer to m's author
// in m's channel, shortly before m: "and the december one?" in a DM just
// after the answer on who missed the November vote. It reads the channel's
// history from Discord, so every replica finds the same one and the bot
// keeps no conversation state. "" when there is none, or when the history
// cannot be read (a channel without READ_MESSAGE_HISTORY): the question is
// then answered on its own words, as before.
func (b *Bot) earlierQuestion(ctx context.Context, s *discordgo.Session, m *discordgo.Message, me string) string {
	ctx, cancel := context.WithTimeout(ctx, earlierTimeout)
	defer cancel()
	msgs, err := s.ChannelMessages(m.ChannelID, earlierMessages, m.ID, "", "", discordgo.WithContext(ctx))
	if err != nil {
		b.log.Debug("read the messages before a follow-up", "channel", m.ChannelID, "err", err)
		return ""
	}
	return lastAnswerTo(msgs, m, me)
}

// lastAnswerTo is the question of the bot's newest reply to m's author in
// msgs (newest first, as Discord lists them), within earlierWindow before
// m. Only the newest counts: when it answered nothing (no buttons carry a
// question), an older answer is not what the asker follows up.
func lastAnswerTo(msgs []*discordgo.Message, m *discordgo.Message, me string) string {
	if m.Author == nil {
		return ""
	}
	for _, prev := range msgs {
		if prev == nil || m.Timestamp.Sub(prev.Timestamp) > earlierWindow {
			continue
		}
		if prev.Author == nil || prev.Author.ID != me || prev.ReferencedMessage == nil ||
			prev.ReferencedMessage.Author == nil || prev.ReferencedMessage.Author.ID != m.Author.ID {
			continue
		}
		return repliedQuestion(prev, me)
	}
	return ""
}

// reactionWait marks a mention or DM refused by the rate limit: "wait".
const reactionWait = "⏳"

// reactionChat answers a greeting or a thank-you mention in a server.
const reactionChat = "👋"

var mentionRE = regexp.MustCompile(`<@!?\d+>`)

// AppIDFromToken decodes the bot's user id (its application id) from the
// first, base64-encoded part of a bot token; "" when it cannot.
func AppIDFromToken(token string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(token, "Bot "), ".")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.StdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(first); err == nil {
			if _, err := strconv.ParseUint(string(b), 10, 64); err == nil {
				return string(b)
			}
		}
	}
	return ""
}
