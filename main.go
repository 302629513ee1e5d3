// Command ordinancebot answers questions about Los Angeles Ordinance
// No. 188441 with ranked, cited passages, in Discord or in the terminal.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/joho/godotenv"

	"ordinancebot/cli"
	"ordinancebot/corpus"
	"ordinancebot/index"
)

const usage = `ordinancebot answers questions about the Los Angeles sanctuary-city
ordinance (No. 188441) with ranked, cited passages.

Usage:
  ordinancebot                         run the Discord bot (needs DISCORD_TOKEN)
  ordinancebot ask [--json] [--top N] QUESTION...
                                       answer in the terminal; "-" reads one
                                       question per line from stdin
  ordinancebot passages [--json]       list every passage the bot knows
  ordinancebot eval [--detail] [--scoring bm25|tf-idf] [--min-coverage X] FILE
                                       score retrieval on a question set (JSONL)

Configuration comes from the environment and .env (see .env.example).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if err := loadDotEnv(".env"); err != nil {
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

// loadDotEnv reads .env when present; variables already set win.
func loadDotEnv(path string) error {
	if err := godotenv.Load(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
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
	if strings.TrimSpace(os.Getenv("DISCORD_TOKEN")) == "" {
		return errNoToken
	}
	return errors.New("the Discord bot is not built yet; use `go run . ask \"…\"`")
}

func newEngine() (*index.Engine, error) { return newEngineWith(index.DefaultOptions()) }

func newEngineWith(opts index.Options) (*index.Engine, error) {
	c, err := corpus.Default(os.Getenv("CORPUS_DIR"))
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	e, err := index.New(c, opts)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	slog.Debug("index built", "passages", len(c.Passages), "took", e.BuildTime())
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
