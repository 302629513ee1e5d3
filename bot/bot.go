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
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/index"
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
	Store *pins.Store
	// ModRoleIDs are roles whose members may pin, besides those with
	// Manage Messages or Pin Messages in the channel (MOD_ROLE_IDS).
	ModRoleIDs []string
	// Cooldown is the least time between two questions of one user
	// (ASK_COOLDOWN); DuplicateWindow is how long the same answer is not
	// posted again in a channel (DUPLICATE_WINDOW). Zero turns either off.
	Cooldown, DuplicateWindow time.Duration
	// ShardID and ShardCount run this process as one of several shards
	// (SHARD_ID, SHARD_COUNT); zero ShardCount means one process.
	ShardID, ShardCount int
	// Observer counts questions, pins, feedback and latencies (metrics).
	Observer Observer
}

// Bot connects the engine to a Discord session.
type Bot struct {
	cfg      Config
	limits   *limiter
	obs      Observer
	inflight sync.WaitGroup
	closing  atomic.Bool
	ready    chan struct{}
	s        *discordgo.Session
	e        *index.Engine
	log      *slog.Logger
	store    *pins.Store
	modRoles map[string]bool
	pending  *pendingPins
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

// New prepares a session; Start connects it.
func New(cfg Config, e *index.Engine) (*Bot, error) {
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
			return nil, fmt.Errorf("DISCORD_API_URL %q is not an absolute URL", cfg.APIURL)
		}
		transport = rewrite{target: u, next: transport}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: retryTransport{next: transport, retries: 3, pause: 200 * time.Millisecond}}
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
		modRoles: map[string]bool{}, pending: newPendingPins(), limits: newLimiter(cfg.Cooldown, cfg.DuplicateWindow), obs: cfg.Observer}
	if b.obs == nil {
		b.obs = noObserver{}
	}
	for _, r := range cfg.ModRoleIDs {
		if r = strings.TrimSpace(r); r != "" {
			b.modRoles[r] = true
		}
	}
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
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
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

// recoverTo keeps a handler's panic from killing the process.
func (b *Bot) recoverTo(what string) {
	if r := recover(); r != nil {
		b.log.Error("handler panic", "handler", what, "panic", r, "stack", string(debug.Stack()))
	}
}

func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	defer b.recoverTo("interaction")
	start := time.Now()
	if b.closing.Load() {
		if ic.Type != discordgo.InteractionApplicationCommandAutocomplete {
			s.InteractionRespond(ic.Interaction, errorResponse("I'm restarting; please try again in a minute."))
		}
		return
	}
	b.inflight.Add(1)
	defer b.inflight.Done()
	defer func() { b.obs.Interaction(ic.Type.String(), time.Since(start)) }()
	resp, after, err := b.handle(ic.Interaction)
	if err != nil {
		b.log.Error("interaction failed", "type", ic.Type.String(), "err", err)
		resp = errorResponse("Sorry, something went wrong answering that. Please try again.")
	}
	if resp == nil {
		return
	}
	if err := s.InteractionRespond(ic.Interaction, resp); err != nil {
		b.log.Error("respond to interaction", "type", ic.Type.String(), "err", err)
		return
	}
	b.log.Debug("answered interaction", "type", ic.Type.String(), "took", time.Since(start))
	if after != nil {
		after()
	}
}

func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	defer b.recoverTo("message")
	if m.Author == nil || m.Author.Bot || s.State.User == nil || b.closing.Load() {
		return
	}
	b.inflight.Add(1)
	defer b.inflight.Done()
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
	if ok, _ := b.limits.allow(m.GuildID+"/"+m.Author.ID, time.Now()); !ok {
		b.log.Debug("mention ignored: cooldown", "channel", m.ChannelID)
		return
	}
	msg, after := b.answerMessage(m.GuildID, question)
	msg.Reference = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	if b.limits.duplicate(m.ChannelID, msgKey(msg), time.Now()) {
		msg = &discordgo.MessageSend{Content: "I answered that just above.", Reference: msg.Reference, AllowedMentions: noMentions}
		after = nil
	}
	if _, err := s.ChannelMessageSendComplex(m.ChannelID, msg); err != nil {
		b.log.Error("reply to mention", "channel", m.ChannelID, "err", err)
	}
	if after != nil {
		after()
	}
}

var mentionRE = regexp.MustCompile(`<@!?\d+>`)

// answerMessage is the answer as a normal message (mentions, replies),
// with what to do once it is sent.
func (b *Bot) answerMessage(guildID, question string) (*discordgo.MessageSend, func()) {
	res, err := b.e.Search(question, pageSize, 0)
	if err != nil {
		b.log.Error("search", "err", err)
		return &discordgo.MessageSend{Content: "Sorry, something went wrong answering that.", AllowedMentions: noMentions}, nil
	}
	pin := b.matchPin(guildID, question)
	b.obs.Question(res.Answered || pin != nil)
	return &discordgo.MessageSend{
		Embeds:          b.withPin(pin, answerEmbeds(question, res, b.e.Corpus().AsOf())),
		Components:      answerButtons(question, res, pageSize, guildID != "" && b.store != nil),
		AllowedMentions: noMentions,
	}, b.afterAnswer(guildID, question, res, pin)
}

func errorResponse(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: msg, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions},
	}
}

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

// msgKey identifies what a message shows, for duplicate suppression.
func msgKey(m *discordgo.MessageSend) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		b.WriteString(e.Title)
		for _, f := range e.Fields {
			b.WriteString(f.Name)
		}
	}
	return b.String()
}
