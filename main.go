// Command ordinancebot answers questions about Los Angeles Ordinance
// No. 188441 with ranked, cited passages, in Discord or in the terminal.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ordinancebot/answer"
	"ordinancebot/bot"
	"ordinancebot/cli"
	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/envcheck"
	"ordinancebot/ops"
	"ordinancebot/pins"
	"ordinancebot/pins/backend"
	"ordinancebot/pins/boltstore"
)

const usage = `ordinancebot answers questions about the Los Angeles sanctuary-city
ordinance (No. 188441) with ranked, cited passages.

Usage:
  ordinancebot                         run the Discord bot (needs DISCORD_TOKEN)
  ordinancebot ask [--json] [--top N] [--lang auto|en|es] QUESTION...
                                       answer in the terminal; "-" reads one
                                       question per line from stdin
  ordinancebot passages [--json]       list every passage the bot knows
  ordinancebot register --dry-run      print the slash commands the bot registers (JSON)
  ordinancebot invite [APP_ID]         print the invite URL (APP_ID defaults to the token's)
  ordinancebot pins export [--guild ID] print pinned answers as JSON (all servers by default)
  ordinancebot pins backup FILE        write a consistent copy of pins.db to a new FILE
  ordinancebot pins import FILE        add or replace pinned answers from such JSON (- for stdin)
  ordinancebot eval [--detail] [--scoring bm25|tf-idf] [--min-coverage X] FILE
                                       score retrieval on a question set (JSONL)

Configuration comes from the environment and .env (see .env.example).
`

func main() {
	// The live heap is small (the index is ~10 MB) and every question
	// allocates ~130 KB, so the default GOGC=100 collects every few
	// questions and puts GC in the latency tail: p99 of one question drops
	// from ~1.7 ms to ~0.9 ms at 400 (go test ./index -bench Search).
	// Memory stays bounded (about 5x the live heap). GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if err := envcheck.LoadDotEnv(".env", stderr); err != nil {
		fmt.Fprintf(stderr, "ordinancebot: %v\n", err)
		return 1
	}
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "":
		err = runBot(stderr)
	case "ask":
		err = askCmd(args, stdin, stdout)
	case "passages":
		err = passagesCmd(args, stdout)
	case "eval":
		err = evalCmd(args, stdout)
	case "register":
		err = registerCmd(args, stdout)
	case "invite":
		err = inviteCmd(args, stdout)
	case "pins":
		err = pinsCmd(args, stdin, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = fmt.Errorf("%w: unknown command %q", cli.ErrUsage, cmd)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, cli.ErrUsage):
		if msg := strings.TrimPrefix(err.Error(), cli.ErrUsage.Error()+": "); msg != "help" {
			fmt.Fprintf(stderr, "ordinancebot: %s\n\n", msg)
		}
		fmt.Fprint(stderr, usage)
		return 2
	case errors.Is(err, errNoToken):
		fmt.Fprint(stderr, noTokenHelp)
		return 1
	default:
		fmt.Fprintf(stderr, "ordinancebot: %v\n", err)
		return 1
	}
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
	logger := newLogger(stderr)
	cfg, err := botConfig(token, logger)
	if err != nil {
		return err
	}
	e, err := newEngine()
	if err != nil {
		return err
	}
	defer e.Close()
	logger.Info("index built", "passages", len(e.Corpus().Passages), "took", e.BuildTime(), "reused", e.Reused())
	store, where, err := openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Info("pins store open", "at", where)
	cfg.Store = store
	metrics := ops.NewMetrics()
	cfg.Observer = metrics
	b, err := bot.New(cfg, answer.Engine{Engine: e})
	if err != nil {
		return err
	}
	if addr := strings.TrimSpace(os.Getenv("METRICS_ADDR")); addr != "" {
		srv, err := ops.Listen(addr, metrics, b.Connected)
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// So that pins export and backup work while the bot holds the file
	// (bbolt only: PostgreSQL serves many readers itself).
	if bs, ok := store.(*boltstore.Store); ok {
		if err := bs.ServeSnapshots(ctx); err != nil {
			logger.Warn("pins export will not work while the bot runs", "err", err)
		}
	}
	if err := b.Start(ctx); err != nil {
		b.Close()
		return err
	}
	<-ctx.Done()
	// Stop taking new work, finish what is in flight, then the deferred
	// closes of the database and the index: all within 10 s.
	logger.Info("shutting down")
	start := time.Now()
	err = b.Shutdown(8 * time.Second)
	logger.Info("stopped", "took", time.Since(start))
	return err
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

func newLogger(w io.Writer) *slog.Logger {
	level := slog.LevelInfo
	switch strings.ToLower(os.Getenv("LOG_LEVEL")) {
	case "debug":
		level = slog.LevelDebug
	case "warn", "warning":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if strings.EqualFold(os.Getenv("LOG_FORMAT"), "json") {
		h = slog.NewJSONHandler(w, opts)
	}
	l := slog.New(h)
	slog.SetDefault(l)
	return l
}

// registerCmd prints the exact JSON the bot registers (with --dry-run).
func registerCmd(args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "--dry-run" {
		return fmt.Errorf("%w: register takes --dry-run (the bot registers its commands itself when it starts)", cli.ErrUsage)
	}
	out, err := json.MarshalIndent(bot.Commands(), "", "  ")
	if err != nil {
		return fmt.Errorf("encode commands: %w", err)
	}
	_, err = fmt.Fprintln(stdout, string(out))
	return err
}

// inviteCmd prints the OAuth2 invite URL. The application id is the bot
// user's id, which is encoded in the first part of the token.
func inviteCmd(args []string, stdout io.Writer) error {
	appID := ""
	if len(args) == 1 {
		appID = args[0]
	} else if t := strings.TrimSpace(os.Getenv("DISCORD_TOKEN")); t != "" {
		appID = bot.AppIDFromToken(t)
	}
	if appID == "" {
		return fmt.Errorf("%w: invite needs DISCORD_TOKEN or an APPLICATION_ID argument", cli.ErrUsage)
	}
	_, err := fmt.Fprintln(stdout, bot.InviteURL(appID))
	return err
}

func newEngine() (*index.Engine, error) { return newEngineWith(index.DefaultOptions()) }

// openStore opens the pins store: PostgreSQL when DATABASE_URL is set,
// else pins.db under DATA_DIR. where names it, without a password.
func openStore() (store backend.Store, where string, err error) {
	return backend.Open(context.Background(), backend.FromEnv(os.Getenv))
}

func pinsPath() string { return filepath.Join(dataDir(), "pins.db") }

// pinsCmd is "pins export [--guild ID]" and "pins import FILE".
func pinsCmd(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: pins export [--guild ID] | pins backup FILE | pins import FILE", cli.ErrUsage)
	}
	switch args[0] {
	case "export":
		guild := ""
		switch rest := args[1:]; {
		case len(rest) == 2 && rest[0] == "--guild":
			guild = rest[1]
		case len(rest) == 1 && strings.HasPrefix(rest[0], "--guild="):
			guild = strings.TrimPrefix(rest[0], "--guild=")
		case len(rest) != 0:
			return fmt.Errorf("%w: pins export [--guild ID]", cli.ErrUsage)
		}
		// bbolt: read-only, and from the running bot's snapshot when it
		// holds the file, so export never waits on the writer and never
		// creates a database (a mistyped DATA_DIR is an error, not "[]").
		var store pins.Store
		var err error
		if os.Getenv("DATABASE_URL") != "" {
			var s backend.Store
			s, _, err = openStore()
			if err == nil {
				defer s.Close()
			}
			store = s
		} else {
			var s *boltstore.Store
			s, err = boltstore.OpenReadOnly(pinsPath())
			if err == nil {
				defer s.Close()
			}
			store = s
		}
		if err != nil {
			return err
		}
		ps, err := store.Export(context.Background(), guild)
		var skipped *pins.SkippedError
		if err != nil && !errors.As(err, &skipped) {
			return fmt.Errorf("export pins: %w", err)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ps); err != nil {
			return err
		}
		if skipped != nil {
			return fmt.Errorf("exported %d pins; %w; the log names them", len(ps), skipped)
		}
		return nil
	case "backup":
		if len(args) != 2 || strings.HasPrefix(args[1], "-") {
			return fmt.Errorf("%w: pins backup FILE (a new file; it is never overwritten)", cli.ErrUsage)
		}
		store, err := boltstore.OpenReadOnly(pinsPath())
		if err != nil {
			return err
		}
		defer store.Close()
		if err := store.Backup(args[1]); err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "backed up %s to %s\n", pinsPath(), args[1])
		return err
	case "import":
		if len(args) != 2 {
			return fmt.Errorf("%w: pins import FILE (- for stdin)", cli.ErrUsage)
		}
		var r io.Reader = stdin
		if args[1] != "-" {
			f, err := os.Open(args[1])
			if err != nil {
				return fmt.Errorf("read pins: %w", err) // the error names the file once
			}
			defer f.Close()
			r = f
		}
		c, err := corpus.Default(os.Getenv("CORPUS_DIR"))
		if err != nil {
			return fmt.Errorf("load corpus: %w", err)
		}
		ps, err := pins.DecodeImport(r, func(id string) bool { _, ok := c.Passage(id); return ok })
		if err != nil {
			return err
		}
		store, where, err := openStore()
		if err != nil {
			return err
		}
		defer store.Close()
		n, err := store.Import(context.Background(), ps)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "imported %d pins into %s\n", n, where)
		return err
	}
	return fmt.Errorf("%w: pins export [--guild ID] | pins backup FILE | pins import FILE", cli.ErrUsage)
}

// dataDir is DATA_DIR, default ./data.
func dataDir() string {
	if d := strings.TrimSpace(os.Getenv("DATA_DIR")); d != "" {
		return d
	}
	return "data"
}

func newEngineWith(opts index.Options) (*index.Engine, error) {
	// A large corpus (CORPUS_DIR) is kept on disk and reused across
	// restarts; the default one is built in memory in ~25 ms.
	opts.Dir = filepath.Join(dataDir(), "index")
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

func askCmd(args []string, stdin io.Reader, stdout io.Writer) error {
	a, err := cli.ParseAsk(args)
	if err != nil {
		return err
	}
	e, err := newEngine()
	if err != nil {
		return err
	}
	defer e.Close()
	return cli.Ask(cli.Env{Stdin: stdin, Stdout: stdout, Style: termStyle(stdout)}, e, a)
}

func passagesCmd(args []string, stdout io.Writer) error {
	asJSON := false
	for _, a := range args {
		switch a {
		case "--json", "-json":
			asJSON = true
		default:
			return fmt.Errorf("%w: passages takes only --json, not %q", cli.ErrUsage, a)
		}
	}
	c, err := corpus.Default(os.Getenv("CORPUS_DIR"))
	if err != nil {
		return fmt.Errorf("load corpus: %w", err)
	}
	return cli.Passages(cli.Env{Stdout: stdout}, c, asJSON)
}

func evalCmd(args []string, stdout io.Writer) error {
	detail, file := false, ""
	opts := index.DefaultOptions()
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--detail" || a == "-detail":
			detail = true
		case a == "--scoring" && i+1 < len(args):
			i++
			opts.ScoringModel = args[i]
		case a == "--min-coverage" && i+1 < len(args):
			i++
			v, err := strconv.ParseFloat(args[i], 64)
			if err != nil {
				return fmt.Errorf("%w: --min-coverage %q is not a number", cli.ErrUsage, args[i])
			}
			opts.MinCoverage = v
		case strings.HasPrefix(a, "-"):
			return fmt.Errorf("%w: unknown flag %s", cli.ErrUsage, a)
		case file != "":
			return fmt.Errorf("%w: eval takes one FILE", cli.ErrUsage)
		default:
			file = a
		}
	}
	if file == "" {
		return fmt.Errorf("%w: eval needs a question set FILE", cli.ErrUsage)
	}
	e, err := newEngineWith(opts)
	if err != nil {
		return err
	}
	defer e.Close()
	_, err = cli.Eval(cli.Env{Stdout: stdout}, e, file, detail)
	return err
}
