package pins

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxImportBytes bounds what DecodeImport reads: far above any real
// export (a pin is at most ~40 KB), far below what would hurt the host.
const MaxImportBytes = 64 << 20

// Bounds on imported pins beyond what Normalize checks.
const (
	maxPinNumber = 999_999_999 // "p" + at most 9 digits: no jump of the sequence to 2^63
	maxUses      = 1_000_000_000
)

var (
	canonicalID = regexp.MustCompile(`^p[1-9][0-9]{0,8}$`)
	snowflake   = regexp.MustCompile(`^[1-9][0-9]{0,19}$`)
	// What the bot stores as a pin's message: guild, channel, message.
	messageURL = regexp.MustCompile(`^https://(?:ptb\.|canary\.)?discord(?:app)?\.com/channels/([0-9]+)/([0-9]+)/([0-9]+)$`)
)

// DecodeImport reads the pins of an import: exactly one JSON array of pin
// objects (what pins export prints), or JSON lines (one pin object per
// line, blank lines ignored). Anything else is refused: trailing data,
// concatenated arrays, unknown fields, invalid UTF-8, more than
// MaxImportBytes, and any pin ValidateImport refuses. known reports
// whether a passage id exists, for citations.
func DecodeImport(r io.Reader, known func(passageID string) bool) ([]Pin, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	if len(data) > MaxImportBytes {
		return nil, invalid("the pins file is larger than the %d MiB limit", MaxImportBytes>>20)
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return nil, invalid("the pins file is not valid UTF-8 (at byte %d)", i)
	}
	trimmed := bytes.TrimSpace(data)
	var ps []Pin
	switch {
	case len(trimmed) == 0:
		return nil, invalid("the pins file is empty")
	case trimmed[0] == '[':
		ps, err = decodeArray(data)
	case trimmed[0] == '{':
		ps, err = decodeLines(data)
	default:
		return nil, invalid("pins JSON must be one array of pins, or one pin object per line")
	}
	if err != nil {
		return nil, err
	}
	seen := map[[2]string]int{}
	for i := range ps {
		p := &ps[i]
		if err := ValidateImport(p, known); err != nil {
			return nil, fmt.Errorf("pin %d (%s): %w", i+1, printable(p.ID), err)
		}
		k := [2]string{p.Guild, p.ID}
		if j, dup := seen[k]; dup {
			return nil, invalid("pin %d: %s of guild %s is also pin %d; each pin may appear once", i+1, p.ID, p.Guild, j)
		}
		seen[k] = i + 1
	}
	return ps, nil
}

func decodeArray(data []byte) ([]Pin, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if _, err := dec.Token(); err != nil { // the '['
		return nil, jsonError(0, err)
	}
	ps := []Pin{}
	for dec.More() {
		var p Pin
		if err := dec.Decode(&p); err != nil {
			return nil, jsonError(len(ps)+1, err)
		}
		ps = append(ps, p)
	}
	if _, err := dec.Token(); err != nil { // the ']'
		return nil, jsonError(0, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid("there is more after the array of pins (at byte %d): one file holds one array; merge concatenated exports into one", dec.InputOffset())
	}
	return ps, nil
}

func decodeLines(data []byte) ([]Pin, error) {
	ps := []Pin{}
	for n, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var p Pin
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, jsonError(0, err))
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, invalid("line %d: more than one pin object on the line", n+1)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// jsonError says what is wrong in the words of the file, not of Go:
// encoding/json names Go types ("Go struct field Pin.uses of type int").
func jsonError(entry int, err error) error {
	where := ""
	if entry > 0 {
		where = fmt.Sprintf("pin %d: ", entry)
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tim *time.ParseError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("%sthe pins JSON ends too early", where)
	case errors.As(err, &syn):
		return invalid("%sinvalid JSON at byte %d: %s", where, syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return invalid("%sexpected a pin object, found a JSON %s", where, typ.Value)
		}
		return invalid("%sfield %q must be %s, not a JSON %s", where, typ.Field, kindName(typ.Type), typ.Value)
	case errors.As(err, &tim):
		return invalid("%sa time is not like 2024-12-04T18:30:00Z (RFC 3339): %q", where, printable(tim.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return invalid("%sunknown field %s", where, strings.TrimPrefix(err.Error(), "json: unknown field "))
	case strings.HasPrefix(err.Error(), "invalid character"):
		return invalid("%sinvalid JSON: %s", where, err.Error())
	}
	return invalid("%sinvalid pins JSON", where)
}

func kindName(t reflect.Type) string {
	switch {
	case t == nil:
		return "something else"
	case t == reflect.TypeFor[time.Time]():
		return "a time like 2024-12-04T18:30:00Z"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Uint64:
		return "a whole number"
	case reflect.Slice:
		return "a list"
	}
	return "something else"
}

// ValidateImport checks one imported pin beyond Normalize: what the bot
// itself would have stored, so an import cannot plant what the bot could
// not have made. known reports whether a passage id exists (nil: any).
func ValidateImport(p *Pin, known func(string) bool) error {
	if err := CheckImportID(p.ID); err != nil {
		return err
	}
	if !isSnowflake(p.Guild) {
		return invalid("guild %q is not a Discord id (a snowflake like 1180000000000000000)", printable(p.Guild))
	}
	for name, v := range map[string]string{"pinned_by": p.PinnedBy, "edited_by": p.EditedBy} {
		if v != "" && !isSnowflake(v) {
			return invalid("%s %q is not a Discord user id", name, printable(v))
		}
	}
	if p.MessageURL != "" {
		m := messageURL.FindStringSubmatch(p.MessageURL)
		if m == nil || !isSnowflake(m[2]) || !isSnowflake(m[3]) {
			return invalid("message_url %q is not a Discord message link (https://discord.com/channels/GUILD/CHANNEL/MESSAGE)", printable(p.MessageURL))
		}
		if m[1] != p.Guild {
			return invalid("message_url links a message of guild %s, not of the pin's guild %s", m[1], p.Guild)
		}
	}
	if len(p.Citations) > MaxCitations {
		return invalid("more than %d citations", MaxCitations)
	}
	for _, c := range p.Citations {
		if known != nil && !known(c) {
			return invalid("citation %q is not a passage of this corpus", printable(c))
		}
	}
	if p.Uses < 0 || p.Uses > maxUses {
		return invalid("uses %d is out of range", p.Uses)
	}
	now := time.Now()
	for name, t := range map[string]time.Time{"pinned_at": p.PinnedAt, "edited_at": p.EditedAt} {
		if t.IsZero() && name == "edited_at" {
			continue
		}
		if t.Year() < 2015 || t.After(now.Add(24*time.Hour)) {
			return invalid("%s %s is not a plausible time", name, t.Format(time.RFC3339))
		}
	}
	return p.Normalize()
}

func isSnowflake(s string) bool {
	if !snowflake.MatchString(s) {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// printable bounds an echoed value so an error message stays one short line.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return s
}
