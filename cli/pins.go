package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"ordinancebot/pins"
)

// PinsStore is what pins export and import need of a pin store.
type PinsStore interface {
	Export(ctx context.Context, guildID string) ([]pins.Pin, error)
	Import(ctx context.Context, ps []pins.Pin) (int, error)
	Close() error
}

// PinsDeps are the stores behind "pins"; main wires them to the backend
// the environment selects, so these commands can be tested without one.
type PinsDeps struct {
	// OpenExport opens the store for reading. It must create nothing:
	// a mistyped DATA_DIR is an error, not an empty export.
	OpenExport func() (PinsStore, error)
	// Open opens the store for writing; where names it without a password.
	Open func() (s PinsStore, where string, err error)
	// Backup copies the database to dst, a new file, and names what it copied.
	Backup func(dst string) (src string, err error)
	// Known reports whether a passage id exists, for imported citations.
	Known func() (func(passageID string) bool, error)
}

const pinsUsage = "pins needs export [--guild ID], backup FILE or import FILE"

// Pins is "pins export [--guild ID]", "pins backup FILE" and "pins import FILE".
func Pins(env Env, args []string, d PinsDeps) error {
	if len(args) == 0 {
		return usageErr(pinsUsage)
	}
	switch args[0] {
	case "export":
		return pinsExport(env, args[1:], d)
	case "backup":
		if len(args) != 2 || strings.HasPrefix(args[1], "-") {
			return usageErr("pins backup takes one FILE, a new file (it is never overwritten)")
		}
		src, err := d.Backup(args[1])
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "backed up %s to %s\n", src, args[1])
		return err
	case "import":
		if len(args) != 2 {
			return usageErr("pins import takes one FILE (- for stdin)")
		}
		return pinsImport(env, args[1], d)
	}
	return usageErr(pinsUsage)
}

func pinsExport(env Env, rest []string, d PinsDeps) error {
	guild := ""
	switch {
	case len(rest) == 2 && rest[0] == "--guild":
		guild = rest[1]
	case len(rest) == 1 && strings.HasPrefix(rest[0], "--guild="):
		guild = strings.TrimPrefix(rest[0], "--guild=")
	case len(rest) != 0:
		return usageErr("pins export takes only --guild ID")
	}
	// The rule pins import applies to a pin's guild (digits, 64 bits), not
	// IsSnowflake's length: an export must reach every pin an import made.
	if _, err := strconv.ParseUint(guild, 10, 64); len(rest) > 0 && (err != nil || guild[0] == '0') {
		return usageErr("--guild %s is not a Discord server id (digits, like 1180000000000000000)", quoteArg(guild))
	}
	store, err := d.OpenExport()
	if err != nil {
		return err
	}
	defer store.Close()
	ps, err := store.Export(context.Background(), guild)
	var skipped *pins.SkippedError
	if err != nil && !errors.As(err, &skipped) {
		return fmt.Errorf("export pins: %w", err)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ps); err != nil {
		return err
	}
	if skipped != nil {
		return fmt.Errorf("exported %d pins; %w; the log names them", len(ps), skipped)
	}
	return nil
}

func pinsImport(env Env, file string, d PinsDeps) error {
	var r io.Reader = env.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("pins file %w", fileError(err))
		}
		defer f.Close()
		r = f
	}
	known, err := d.Known()
	if err != nil {
		return err
	}
	ps, err := pins.DecodeImport(r, known)
	if err != nil {
		// All or nothing: say so, since one bad pin refuses the file.
		return fmt.Errorf("refused the pins file, no pin was stored: %w", pinsImportError(err))
	}
	store, where, err := d.Open()
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.Import(context.Background(), ps)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "imported %d pins into %s\n", n, where)
	return err
}
