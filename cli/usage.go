package cli

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Usage is what "help" prints.
const Usage = `ordinancebot answers questions about the Los Angeles sanctuary-city
ordinance (No. 188441) with ranked, cited passages.

Usage:
  ordinancebot                         run the Discord bot (needs DISCORD_TOKEN)
  ordinancebot ask [--json] [--top N] [--lang auto|en|es] QUESTION...
                                       answer in the terminal; "-" reads one
                                       question per line from stdin
  ordinancebot passages [--json]       list every passage the bot knows (--json: JSON lines)
  ordinancebot register --dry-run      print the slash commands the bot registers (JSON)
  ordinancebot invite [APP_ID]         print the invite URL (APP_ID defaults to the token's)
  ordinancebot pins export [--guild ID] print pinned answers as JSON (all servers by default)
  ordinancebot pins backup FILE        write a consistent copy of pins.db to a new FILE
  ordinancebot pins import FILE        add or replace pinned answers from such JSON (- for stdin)
  ordinancebot eval [--detail] [--scoring bm25|tf-idf] [--min-coverage X] FILE
                                       score retrieval on a question set (JSONL; - for stdin)
  ordinancebot version                 print the version, VCS revision and Go version
  ordinancebot help                    print this

Exit status: 0 ok, 1 error, 2 usage error.
Configuration comes from the environment and .env (see .env.example).
`

// ErrUsage marks a command-line mistake: Exit prints it in one line and
// exits 2.
var ErrUsage = errors.New("usage error")

// ErrHelp asks for the usage: Exit prints it on stdout and exits 0 (help
// is not an error).
var ErrHelp = errors.New("help requested")

// UsageError is a command-line mistake, said in one line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Is makes errors.Is(err, ErrUsage) hold.
func (e *UsageError) Is(target error) bool { return target == ErrUsage }

// Usagef makes a UsageError.
func Usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

func usageErr(format string, args ...any) error { return Usagef(format, args...) }

// WantsHelp reports whether args ask for help (-h, -help or --help
// before any "--", after which everything is an operand).
func WantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// Exit reports err on env and returns the process's exit code: 0 ok (or
// help), 1 error, 2 usage error. A usage error is one line and a pointer
// to help, not the whole usage, so the mistake stays visible.
func Exit(env Env, err error) int {
	var ue *UsageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrHelp):
		fmt.Fprint(env.Stdout, Usage)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "ordinancebot: %s\nsee `ordinancebot help`\n", ue.Msg)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "ordinancebot: %v\n", err)
		return 1
	}
}

// Version prints the module version, the VCS revision and time when the
// binary was built from a checkout, and the Go version. info is
// debug.ReadBuildInfo's (nil when the binary carries none).
func Version(env Env, info *debug.BuildInfo) error {
	if info == nil {
		_, err := fmt.Fprintf(env.Stdout, "ordinancebot (no build information)\ngo: %s\n", runtime.Version())
		return err
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	rev, at, modified := "", "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	out := fmt.Sprintf("ordinancebot %s\n", v)
	if rev != "" {
		if modified {
			rev += " (with uncommitted changes)"
		}
		out += "revision: " + rev + "\n"
	}
	if at != "" {
		out += "time: " + at + "\n"
	}
	goVersion := info.GoVersion
	if goVersion == "" {
		goVersion = runtime.Version()
	}
	out += "go: " + goVersion + "\n"
	_, err := fmt.Fprint(env.Stdout, out)
	return err
}
