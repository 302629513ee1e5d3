package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"ordinancebot/corpus"
	"ordinancebot/index"
)

// AskCmd is "ask": it parses args, then builds the engine with newEngine
// (not before, so a usage error costs no index build).
func AskCmd(env Env, args []string, newEngine func() (*index.Engine, error)) error {
	a, err := ParseAsk(args)
	if err != nil {
		return err
	}
	e, err := newEngine()
	if err != nil {
		return err
	}
	defer e.Close()
	return Ask(env, e, a)
}

// PassagesCmd is "passages [--json]".
func PassagesCmd(env Env, args []string, load func() (*corpus.Corpus, error)) error {
	asJSON := false
	for _, a := range args {
		switch a {
		case "--json", "-json":
			asJSON = true
		default:
			return usageErr("passages takes only --json, not %q", a)
		}
	}
	c, err := load()
	if err != nil {
		return fmt.Errorf("load corpus: %w", err)
	}
	return Passages(env, c, asJSON)
}

// EvalArgs are the parsed arguments of "eval".
type EvalArgs struct {
	Detail bool
	File   string
	// Opts are the engine options: the defaults with --scoring and
	// --min-coverage applied.
	Opts index.Options
}

// ScoringModels are the values of eval --scoring.
var ScoringModels = []string{"bm25", "tf-idf"}

// ParseEval reads "eval [--detail] [--scoring M] [--min-coverage X] FILE",
// flags anywhere, "--flag value" or "--flag=value"; FILE "-" is stdin.
func ParseEval(args []string) (EvalArgs, error) {
	a := EvalArgs{Opts: index.DefaultOptions()}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, value, hasValue := strings.Cut(arg, "=")
		switch name {
		case "--scoring", "-scoring", "--min-coverage", "-min-coverage":
			if !hasValue {
				if i+1 >= len(args) {
					return a, usageErr("%s needs a value", name)
				}
				i++
				value = args[i]
			}
		}
		switch {
		case arg == "--detail" || arg == "-detail":
			a.Detail = true
		case strings.HasSuffix(name, "-scoring"):
			if !slices.Contains(ScoringModels, value) {
				return a, usageErr("--scoring must be %s, not %s", strings.Join(ScoringModels, " or "), quoteArg(value))
			}
			a.Opts.ScoringModel = value
		case strings.HasSuffix(name, "-min-coverage"):
			v, err := strconv.ParseFloat(value, 64)
			// !(0 <= v <= 1) also refuses NaN.
			if err != nil || !(v >= 0 && v <= 1) {
				return a, usageErr("--min-coverage must be a number from 0 to 1, not %s", quoteArg(value))
			}
			a.Opts.MinCoverage = v
		case arg == "--":
			if i+1 < len(args) {
				if a.File != "" || i+2 < len(args) {
					return a, usageErr("eval takes one FILE")
				}
				a.File = args[i+1]
			}
			i = len(args)
		case strings.HasPrefix(arg, "-") && arg != "-":
			return a, usageErr("unknown flag %s", quoteArg(arg))
		case a.File != "":
			return a, usageErr("eval takes one FILE")
		default:
			a.File = arg
		}
	}
	if a.File == "" {
		return a, usageErr("eval needs a question set FILE (JSON lines; - for stdin)")
	}
	return a, nil
}

// EvalCmd is "eval": newEngine builds an engine with the given options.
func EvalCmd(env Env, args []string, newEngine func(index.Options) (*index.Engine, error)) error {
	a, err := ParseEval(args)
	if err != nil {
		return err
	}
	e, err := newEngine(a.Opts)
	if err != nil {
		return err
	}
	defer e.Close()
	_, err = Eval(env, e, a.File, a.Detail)
	return err
}

// Discord is what register and invite need from the bot package; main
// wires it, so cli does not depend on discordgo.
type Discord struct {
	// Commands is what the bot registers, encoded as JSON as is.
	Commands any
	// Token is DISCORD_TOKEN ("" when unset).
	Token string
	// AppIDFromToken decodes the application id from a token ("" if it cannot).
	AppIDFromToken func(token string) string
	// InviteURL is the OAuth2 invite URL of an application.
	InviteURL func(appID string) string
}

// Register is "register --dry-run": the exact JSON the bot registers.
func Register(env Env, args []string, d Discord) error {
	if len(args) != 1 || args[0] != "--dry-run" {
		return usageErr("register takes --dry-run (the bot registers its commands itself when it starts)")
	}
	out, err := json.MarshalIndent(d.Commands, "", "  ")
	if err != nil {
		return fmt.Errorf("encode commands: %w", err)
	}
	_, err = fmt.Fprintln(env.Stdout, string(out))
	return err
}

// ErrMalformedToken is a DISCORD_TOKEN whose first part is not an
// application id: a truncated or mistyped token, not a missing one.
var ErrMalformedToken = errors.New("DISCORD_TOKEN is malformed: its first part is not an application id; " +
	"copy the token again from the Developer Portal (Bot, Reset Token), or give the APP_ID")

// Invite is "invite [APP_ID]": the OAuth2 invite URL. The application id
// is the bot user's id, which the token's first part encodes.
func Invite(env Env, args []string, d Discord) error {
	appID := ""
	switch {
	case len(args) > 1:
		return usageErr("invite takes at most one APP_ID, not %d arguments", len(args))
	case len(args) == 1:
		// A Discord id, so a typo or a flag is refused instead of making
		// a URL that Discord rejects.
		if !IsSnowflake(args[0]) {
			return usageErr("APP_ID %s is not a Discord application id (a snowflake: 17 to 20 digits)", quoteArg(args[0]))
		}
		appID = args[0]
	case d.Token == "":
		return usageErr("invite needs an APP_ID, or DISCORD_TOKEN to take it from")
	default:
		if appID = d.AppIDFromToken(d.Token); !IsSnowflake(appID) {
			return ErrMalformedToken
		}
	}
	_, err := fmt.Fprintln(env.Stdout, d.InviteURL(appID))
	return err
}

// IsSnowflake reports whether s is a Discord id as people meet them:
// 17 to 20 digits (ids since 2015) that fit in 64 bits.
func IsSnowflake(s string) bool {
	if len(s) < 17 || len(s) > 20 || s[0] == '0' {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
