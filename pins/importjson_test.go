package pins

import (
	"errors"
	"strings"
	"testing"
)

const good = `{"id":"p5","guild":"300","questions":["is it law yet"],"answer":"Yes.","citations":["article-1"],` +
	`"pinned_by":"9","pinned_at":"2026-01-01T00:00:00Z","message_url":"https://discord.com/channels/300/7/8","uses":2}`

func known(id string) bool { return id == "article-1" }

func TestDecodeImportAcceptsAnArrayOrJSONLines(t *testing.T) {
	for name, in := range map[string]string{
		"array":       "[" + good + "," + strings.Replace(good, `"p5"`, `"p6"`, 1) + "]\n",
		"json lines":  good + "\n\n" + strings.Replace(good, `"p5"`, `"p6"`, 1) + "\n",
		"empty array": "[]",
	} {
		ps, err := DecodeImport(strings.NewReader(in), known)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if want := strings.Count(in, `"id"`); len(ps) != want {
			t.Errorf("%s: %d pins, want %d", name, len(ps), want)
		}
	}
}

func TestDecodeImportRefusesEverythingElse(t *testing.T) {
	with := func(old, new string) string { return "[" + strings.Replace(good, old, new, 1) + "]" }
	for name, c := range map[string]struct{ in, want string }{
		"concatenated arrays": {"[" + good + "][" + good + "]", "more after the array"},
		"trailing garbage":    {"[" + good + "] x", "more after the array"},
		"two objects a line":  {good + good, "more than one pin object"},
		"not json":            {"not json", "one array of pins"},
		"empty":               {"  \n", "empty"},
		"truncated":           {"[" + good, "ends too early"},
		"duplicate id":        {"[" + good + "," + good + "]", "each pin may appear once"},
		"p05":                 {with(`"p5"`, `"p05"`), "not like p12"},
		"p+5":                 {with(`"p5"`, `"p+5"`), "not like p12"},
		"huge id":             {with(`"p5"`, `"p`+strings.Repeat("9", 10000)+`"`), "not like p12"},
		"10 digits":           {with(`"p5"`, `"p1234567890"`), "not like p12"},
		"guild not snowflake": {with(`"guild":"300"`, `"guild":"../x"`), "not a Discord id"},
		"guild too big":       {with(`"guild":"300"`, `"guild":"99999999999999999999"`), "not a Discord id"},
		"pinned_by":           {with(`"pinned_by":"9"`, `"pinned_by":"`+strings.Repeat("x", 5000)+`"`), "pinned_by"},
		"edited_by":           {with(`"uses":2`, `"uses":2,"edited_by":"<@everyone>"`), "edited_by"},
		"message_url":         {with(`https://discord.com/channels/300/7/8`, `javascript:alert(1)`), "not a Discord message link"},
		"other guild's link":  {with(`https://discord.com/channels/300/7/8`, `https://discord.com/channels/301/7/8`), "not of the pin's guild"},
		"unknown citation":    {with(`"article-1"`, `"article-999"`), `citation "article-999"`},
		"invalid utf-8":       {with(`Yes.`, "Yes.\xff"), "not valid UTF-8"},
		"negative uses":       {with(`"uses":2`, `"uses":-1`), "uses"},
		"wrong type":          {with(`"uses":2`, `"uses":"2"`), `field "uses" must be a whole number, not a JSON string`},
		"bad time":            {with(`2026-01-01T00:00:00Z`, `yesterday`), "RFC 3339"},
		"unknown field":       {with(`"uses":2`, `"uses":2,"admin":true`), `unknown field "admin"`},
		"array of arrays":     {"[[1]]", "expected a pin object"},
		"too large":           {"[" + strings.Repeat(" ", MaxImportBytes) + "]", "64 MiB limit"},
	} {
		_, err := DecodeImport(strings.NewReader(c.in), known)
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want ErrInvalid saying %q", name, err, c.want)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "Go ") || strings.Contains(msg, "pins.Pin") || strings.Contains(msg, "json:") || len(msg) > 300 {
			t.Errorf("%s: message names Go types or is too long: %s", name, msg)
		}
	}
}
