// Command ordinancebot answers questions about Los Angeles Ordinance
// No. 188441 with ranked, cited passages, in Discord or in the terminal.
package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ordinancebot/bot"
	"ordinancebot/bot/httpapi"
	"ordinancebot/cli"
	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/envcheck"
	"ordinancebot/internal/reload"
	"ordinancebot/ops"
	"ordinancebot/pins/backend"
	"ordinancebot/pins/boltstore"
)

// defaultMemoryLimit is the Go heap's soft limit unless GOMEMLIMIT is set.
const defaultMemoryLimit = 700 << 20

func main() {
	// The live heap is small (3 MB at the default corpus) and every
	// question allocates ~140 KB, so the default GOGC=100 collects every
	// ~20 questions, and each cycle (~1 ms of wall clock on 2 cores) is
	// the latency tail. Same machine, alternating runs on 2026-12-04 (go
	// test ./index -bench 'Search$'; peak RSS of ask over all 4,884
	// testdata questions): GOGC=400 p99 0.86-0.94 ms, 60 MB; 1000 0.68 ms,
	// 111-125 MB; 2000 0.54-0.62 ms, 206-210 MB. 1000 keeps the tail well
	// under 1 ms in a small container. GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(1000)
	}
	// With GOGC this high, building a large corpus's index would grow the
	// heap without bound (1.5 GB at 100k passages already at 400). A soft
	// limit makes the collector work only near it (peak RSS 950-980 MB at
	// 100k with GOGC 400 or 2000 alike; go test ./index -bench
	// Scale/disk-100000); the default corpus never gets close. GOMEMLIMIT
	// still wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	env := cli.Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Style: termStyle(stdout)}
	// Help and version need no configuration: a broken .env must not
	// hide them.
	switch {
	case cmd == "help" || cmd == "-h" || cmd == "-help" || cmd == "--help" || (cmd != "" && cli.WantsHelp(args)):
		return cli.Exit(env, cli.ErrHelp)
	case cmd == "version" || cmd == "--version":
		if len(args) > 0 {
			return cli.Exit(env, cli.Usagef("version takes no arguments"))
		}
		info, _ := debug.ReadBuildInfo()
		return cli.Exit(env, cli.Version(env, info))
	}
	if err := envcheck.LoadDotEnv(".env", stderr); err != nil {
		fmt.Fprintf(stderr, "ordinancebot: %v\n", err)
		return 1
	}
	var err error
	switch cmd {
	case "":
		err = runBot(stderr)
	case "ask":
		err = cli.AskCmd(env, args, newEngine)
	case "passages":
		err = cli.PassagesCmd(env, args, loadCorpus)
	case "eval":
		err = cli.EvalCmd(env, args, newEngineWith)
	case "register", "invite":
		d := cli.Discord{Commands: bot.Commands(), Token: strings.TrimSpace(os.Getenv("DISCORD_TOKEN")),
			AppIDFromToken: bot.AppIDFromToken, InviteURL: bot.InviteURL}
		if cmd == "register" {
			err = cli.Register(env, args, d)
		} else {
			err = cli.Invite(env, args, d)
		}
	case "pins":
		err = cli.Pins(env, args, pinsDeps())
	default:
		err = cli.Usagef("unknown command %q", cmd)
	}
	if errors.Is(err, errNoToken) {
		fmt.Fprint(stderr, noTokenHelp)
		return 1
	}
	return cli.Exit(env, err)
}

var errNoToken = errors.New("DISCORD_TOKEN is not set")

const noTokenHelp = `ordinancebot: DISCORD_TOKEN is not set, so the Discord bot cannot start.

To run it in Discord:
  1. Create an application at https://discord.com/developers/applications,
     open "Bot", press "Reset Token" and copy the token.
  2. cp .env.example .env   and put the token after DISCORD_TOKEN=
  3. go run .

To try it now without Discord, ask from the terminal:
  go run . ask "can the police ask about my immigration status?"
  go run . ask --json --top 5 "when was the ordinance signed"
`

func runBot(stderr io.Writer) error {
	token := strings.TrimSpace(os.Getenv("DISCORD_TOKEN"))
	if token == "" {
		return errNoToken
	}
	logger, err := newLogger(stderr)
	if err != nil {
		return err
	}
	cfg, err := botConfig(token, logger)
	if err != nil {
		return err
	}
	// Checked before the index and the database: a half-configured
	// endpoint is a mistake to report at once.
	ep, err := endpointConfig()
	if err != nil {
		return err
	}
	cfg.NoGateway, cfg.HTTPInteractions = !ep.gateway, ep.addr != ""
	// Taken before anything slow: SIGHUP's default action would kill the
	// bot, and from here on it means "reload the corpus".
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	e, err := newEngine()
	if err != nil {
		return err
	}
	logger.Info("index built", "passages", len(e.Corpus().Passages), "took", e.BuildTime(), "reused", e.Reused(),
		"corpus_version", e.Corpus().Version(), "as_of", e.Corpus().AsOf())
	// The bot answers through the holder, so a reload can swap the engine
	// under it; Close waits for the searches in flight.
	engine := index.NewHolder(e)
	defer engine.Close()
	store, where, err := openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Info("pins store open", "at", where)
	cfg.Store = store
	metrics := ops.NewMetrics()
	cfg.Observer = metrics
	b, err := bot.New(cfg, engine)
	if err != nil {
		return err
	}
	if addr := strings.TrimSpace(os.Getenv("METRICS_ADDR")); addr != "" {
		srv, err := ops.ListenHealth(addr, metrics, ops.Health{Ready: b.Connected, Corpus: func() ops.Corpus { return corpusInfo(engine) }})
		if err != nil {
			return err
		}
		logger.Info("metrics listening", "addr", srv.Addr())
		if !envcheck.LoopbackAddr(addr) {
			// /metrics and /healthz have no authentication.
			logger.Warn("METRICS_ADDR is reachable from other machines, without authentication; bind it to 127.0.0.1 unless a firewall or proxy guards it", "addr", srv.Addr())
		}
		defer func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			srv.Close(ctx)
		}()
	}
	var endpoint *httpapi.Server
	if ep.addr != "" {
		if endpoint, err = httpapi.New(httpapi.Config{PublicKey: ep.key, Handler: b.HandleHTTP, Ready: b.Connected, Logger: logger}); err != nil {
			return err
		}
		if err := endpoint.Listen(ep.addr); err != nil {
			return err
		}
		logger.Info("interactions endpoint listening", "addr", endpoint.Addr(), "path", httpapi.Path, "gateway", ep.gateway)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	startReloader(ctx, engine, hup, metrics, logger)
	// So that pins export and backup work while the bot holds the file
	// (bbolt only: PostgreSQL serves many readers itself).
	if bs, ok := store.(*boltstore.Store); ok {
		if err := bs.ServeSnapshots(ctx); err != nil {
			logger.Warn("pins export will not work while the bot runs", "err", err)
		}
	}
	if err := b.Start(ctx); err != nil {
		b.Close()
		return nameAPIURL(err, cfg.APIURL)
	}
	<-ctx.Done()
	// Stop taking new work, finish what is in flight, then the deferred
	// closes of the database and the index: all within 10 s.
	logger.Info("shutting down")
	start := time.Now()
	if endpoint != nil {
		// Requests already in get their answer; new ones go to another
		// replica (the load balancer sees the closed port).
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		if err := endpoint.Shutdown(sctx); err != nil {
			logger.Warn("interactions endpoint shutdown", "err", err)
		}
		cancel()
	}
	err = b.Shutdown(6 * time.Second)
	logger.Info("stopped", "took", time.Since(start))
	return err
}

// endpoint is the HTTP interactions transport's settings.
type endpoint struct {
	addr    string // INTERACTIONS_ADDR; "" is off
	key     ed25519.PublicKey
	gateway bool // DISCORD_GATEWAY, default on
}

// endpointConfig reads INTERACTIONS_ADDR, DISCORD_PUBLIC_KEY and
// DISCORD_GATEWAY. The address and the key come together: one without
// the other is refused, naming what is missing.
func endpointConfig() (endpoint, error) {
	ep := endpoint{addr: strings.TrimSpace(os.Getenv("INTERACTIONS_ADDR")), gateway: true}
	key := strings.TrimSpace(os.Getenv("DISCORD_PUBLIC_KEY"))
	switch {
	case ep.addr != "" && key == "":
		return ep, errors.New("INTERACTIONS_ADDR is set but DISCORD_PUBLIC_KEY is missing: copy the Public Key from the Developer Portal (General Information)")
	case ep.addr == "" && key != "":
		return ep, errors.New("DISCORD_PUBLIC_KEY is set but INTERACTIONS_ADDR is missing: set the address to serve /interactions on, e.g. 127.0.0.1:8080")
	case key != "":
		k, err := httpapi.ParsePublicKey(key)
		if err != nil {
			return ep, err
		}
		ep.key = k
	}
	switch v := strings.ToLower(strings.TrimSpace(os.Getenv("DISCORD_GATEWAY"))); v {
	case "", "on", "true", "1", "yes":
	case "off", "false", "0", "no":
		ep.gateway = false
	default:
		return ep, fmt.Errorf("DISCORD_GATEWAY=%q is not on or off", v)
	}
	if !ep.gateway && ep.addr == "" {
		return ep, errors.New("DISCORD_GATEWAY=off needs INTERACTIONS_ADDR and DISCORD_PUBLIC_KEY: without the gateway, interactions can only arrive over HTTP")
	}
	return ep, nil
}

// maxBurst bounds ASK_BURST.
const maxBurst = 100

// botConfig reads the bot's settings from the environment.
func botConfig(token string, logger *slog.Logger) (bot.Config, error) {
	cfg := bot.Config{Token: token, GuildID: strings.TrimSpace(os.Getenv("DISCORD_GUILD_ID")),
		APIURL: strings.TrimSpace(os.Getenv("DISCORD_API_URL")), Logger: logger,
		ModRoleIDs: strings.Split(os.Getenv("MOD_ROLE_IDS"), ",")}
	if err := envcheck.CheckAPIURL(cfg.APIURL, os.Getenv("ALLOW_INSECURE_API_URL") == "1"); err != nil {
		return cfg, err
	}
	var err error
	if cfg.Cooldown, err = envDuration("ASK_COOLDOWN", 3*time.Second); err != nil {
		return cfg, err
	}
	if cfg.Burst, err = envInt("ASK_BURST", 3); err != nil {
		return cfg, err
	}
	// A bucket of 0 would refuse every question; past 100 the cooldown
	// no longer limits a flood in any way that matters.
	if cfg.Burst < 1 || cfg.Burst > maxBurst {
		return cfg, fmt.Errorf("ASK_BURST=%d is not between 1 and %d (questions a user may ask back to back)", cfg.Burst, maxBurst)
	}
	if cfg.DuplicateWindow, err = envDuration("DUPLICATE_WINDOW", time.Minute); err != nil {
		return cfg, err
	}
	if cfg.ShardID, err = envInt("SHARD_ID", 0); err != nil {
		return cfg, err
	}
	if cfg.ShardCount, err = envInt("SHARD_COUNT", 1); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func envDuration(name string, def time.Duration) (time.Duration, error) {
	return envValue(name, def, "a duration like 3s or 1m (0 turns it off)", time.ParseDuration)
}

func envInt(name string, def int) (int, error) {
	return envValue(name, def, "a whole number", strconv.Atoi)
}

// envValue parses a non-negative setting, or returns def when it is unset.
func envValue[T int | time.Duration](name string, def T, what string, parse func(string) (T, error)) (T, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def, nil
	}
	x, err := parse(v)
	if err != nil || x < 0 {
		return 0, fmt.Errorf("%s=%q is not %s", name, v, what)
	}
	return x, nil
}

// nameAPIURL makes a failed request name the URL it was sent to: the
// session builds https://discord.com URLs and the transport rewrites
// them to DISCORD_API_URL, so its errors name discord.com. The URL is
// shown without a password.
func nameAPIURL(err error, apiURL string) error {
	var ue *url.Error
	if apiURL == "" || !errors.As(err, &ue) {
		return err
	}
	rest, ok := strings.CutPrefix(ue.URL, "https://discord.com")
	if !ok {
		return err
	}
	used := strings.TrimSuffix(envcheck.RedactURL(apiURL), "/") + rest
	// The wrappers above ue fixed their text when made: replace the URL in
	// the whole message, keeping the chain for errors.Is and As.
	return &apiURLError{msg: strings.Replace(err.Error(), ue.URL, used, 1), err: err}
}

type apiURLError struct {
	msg string
	err error
}

func (e *apiURLError) Error() string { return e.msg }
func (e *apiURLError) Unwrap() error { return e.err }

// logLevel parses LOG_LEVEL; an unknown value is refused, naming the
// variable, rather than quietly logging at info.
func logLevel(v string) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "info":
		return slog.LevelInfo, nil
	case "debug":
		return slog.LevelDebug, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("LOG_LEVEL=%q is not debug, info, warn or error", v)
}

func newLogger(w io.Writer) (*slog.Logger, error) {
	level, err := logLevel(os.Getenv("LOG_LEVEL"))
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if strings.EqualFold(os.Getenv("LOG_FORMAT"), "json") {
		h = slog.NewJSONHandler(w, opts)
	}
	l := slog.New(h)
	slog.SetDefault(l)
	return l, nil
}

func newEngine() (*index.Engine, error) { return newEngineWith(index.DefaultOptions()) }

// openStore opens the pins store: PostgreSQL when DATABASE_URL is set,
// else pins.db under DATA_DIR. where names it, without a password.
func openStore() (store backend.Store, where string, err error) {
	return backend.Open(context.Background(), backend.FromEnv(os.Getenv))
}

func pinsPath() string { return filepath.Join(dataDir(), "pins.db") }

// pinsDeps wires "pins" to the store the environment selects.
func pinsDeps() cli.PinsDeps {
	return cli.PinsDeps{
		// bbolt: read-only, and from the running bot's snapshot when it
		// holds the file, so export never waits on the writer and never
		// creates a database (a mistyped DATA_DIR is an error, not "[]").
		OpenExport: func() (cli.PinsStore, error) {
			if os.Getenv("DATABASE_URL") != "" {
				s, _, err := openStore()
				return s, err
			}
			return boltstore.OpenReadOnly(pinsPath())
		},
		Open: func() (cli.PinsStore, string, error) { return openStore() },
		Backup: func(dst string) (string, error) {
			store, err := boltstore.OpenReadOnly(pinsPath())
			if err != nil {
				return "", err
			}
			defer store.Close()
			return pinsPath(), store.Backup(dst)
		},
		Known: func() (func(string) bool, error) {
			c, err := loadCorpus()
			if err != nil {
				return nil, fmt.Errorf("load corpus: %w", err)
			}
			return func(id string) bool { _, ok := c.Passage(id); return ok }, nil
		},
	}
}

func loadCorpus() (*corpus.Corpus, error) { return corpus.Default(os.Getenv("CORPUS_DIR")) }

// dataDir is DATA_DIR, default ./data.
func dataDir() string {
	if d := strings.TrimSpace(os.Getenv("DATA_DIR")); d != "" {
		return d
	}
	return "data"
}

// startReloader reloads the corpus when CORPUS_DIR changes or on SIGHUP,
// in the background until ctx is done (see internal/reload). Not waited
// for at shutdown: a build still running then is abandoned, and a swap
// after the holder is closed closes the new engine at once.
func startReloader(ctx context.Context, engine *index.Holder, hup <-chan os.Signal, metrics *ops.Metrics, logger *slog.Logger) {
	dir := strings.TrimSpace(os.Getenv("CORPUS_DIR"))
	r := reload.New(reload.Config{Dir: dir, Load: loadCorpus, Holder: engine, Logger: logger,
		Build: func(c *corpus.Corpus) (*index.Engine, error) {
			e, err := index.New(c, engineOptions(index.DefaultOptions()))
			if err != nil {
				return nil, fmt.Errorf("build index: %w", err)
			}
			return e, nil
		},
		Observe: func(o reload.Outcome) { metrics.CorpusReload(string(o)) }})
	go func() {
		if err := r.Run(ctx, hup); err != nil {
			// Not fatal: the bot answers from what it loaded, and SIGHUP
			// still reloads.
			logger.Warn("CORPUS_DIR is not watched: reload it with SIGHUP", "err", err)
			for {
				select {
				case <-ctx.Done():
					return
				case <-hup:
					r.Reload("SIGHUP")
				}
			}
		}
	}()
}

// corpusInfo is what /healthz says of the corpus being answered from.
func corpusInfo(h *index.Holder) ops.Corpus {
	c := h.Corpus()
	info := ops.Corpus{Version: c.Version(), AsOf: c.AsOf(), Passages: len(c.Passages), LoadedAt: h.LoadedAt()}
	for _, d := range c.Docs {
		info.Documents = append(info.Documents, ops.CorpusDoc{ID: d.ID, AsOf: d.AsOf})
	}
	return info
}

// engineOptions puts a large corpus (CORPUS_DIR) on disk, reused across
// restarts; the default one is built in memory in ~25 ms.
func engineOptions(opts index.Options) index.Options {
	opts.Dir = filepath.Join(dataDir(), "index")
	return opts
}

func newEngineWith(opts index.Options) (*index.Engine, error) {
	opts = engineOptions(opts)
	e, err := index.NewDefault(os.Getenv("CORPUS_DIR"), opts)
	if err != nil {
		return nil, err
	}
	slog.Debug("index built", "passages", len(e.Corpus().Passages), "took", e.BuildTime())
	return e, nil
}

func termStyle(w io.Writer) string {
	if f, ok := w.(*os.File); ok && os.Getenv("NO_COLOR") == "" {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return "ansi"
		}
	}
	return "markdown"
}
