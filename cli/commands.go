package cli

import (
	"encoding/json"
	"fmt"
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

// ParseEval reads "eval [--detail] [--scoring M] [--min-coverage X] FILE".
func ParseEval(args []string) (EvalArgs, error) {
	a := EvalArgs{Opts: index.DefaultOptions()}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--detail" || arg == "-detail":
			a.Detail = true
		case arg == "--scoring" && i+1 < len(args):
			i++
			a.Opts.ScoringModel = args[i]
		case arg == "--min-coverage" && i+1 < len(args):
			i++
			v, err := strconv.ParseFloat(args[i], 64)
			if err != nil {
				return a, usageErr("--min-coverage %q is not a number", args[i])
			}
			a.Opts.MinCoverage = v
		case strings.HasPrefix(arg, "-"):
			return a, usageErr("unknown flag %s", arg)
		case a.File != "":
			return a, usageErr("eval takes one FILE")
		default:
			a.File = arg
		}
	}
	if a.File == "" {
		return a, usageErr("eval needs a question set FILE")
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

// Invite is "invite [APP_ID]": the OAuth2 invite URL. The application id
// is the bot user's id, which the token's first part encodes.
func Invite(env Env, args []string, d Discord) error {
	appID := ""
	if len(args) == 1 {
		appID = args[0]
	} else if d.Token != "" {
		appID = d.AppIDFromToken(d.Token)
	}
	if appID == "" {
		return usageErr("invite needs DISCORD_TOKEN or an APPLICATION_ID argument")
	}
	_, err := fmt.Fprintln(env.Stdout, d.InviteURL(appID))
	return err
}
