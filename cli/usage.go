package cli

import (
	"errors"
	"fmt"
	"strings"
)

// Usage is what "help" prints.
const Usage = `ordinancebot answers questions about the Los Angeles sanctuary-city
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

// Exit reports err on env and returns the process's exit code: 0, 2 for
// a usage error, 1 for anything else.
func Exit(env Env, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrUsage):
		if msg := strings.TrimPrefix(err.Error(), ErrUsage.Error()+": "); msg != "help" {
			fmt.Fprintf(env.Stderr, "ordinancebot: %s\n\n", msg)
		}
		fmt.Fprint(env.Stderr, Usage)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "ordinancebot: %v\n", err)
		return 1
	}
}
