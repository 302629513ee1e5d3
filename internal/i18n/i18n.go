// Package i18n is the bot's message catalogue: every word ordinancebot
// writes in Discord, once per language, keyed by message id. The bot picks
// the language (the question's, or the member's Discord locale when there
// is no question) and asks T for the words; nothing user-visible is written
// inline, so a Spanish reply cannot leak English by accident.
package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Languages the catalogue has. English is the fallback for anything else.
const (
	En = "en"
	Es = "es"
)

// Langs lists the catalogue's languages, English first.
var Langs = []string{En, Es}

// Key names one message.
type Key string

// FromLocale maps a Discord locale ("es-419", "es-ES", "en-US") to a
// catalogue language: Spanish for any Spanish locale, English otherwise
// (there is no other catalogue to fall back on).
func FromLocale(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), "es") {
		return Es
	}
	return En
}

// Norm returns lang if the catalogue has it, English otherwise; the
// engine's Result.Lang is "" on results built by hand.
func Norm(lang string) string {
	if _, ok := catalogue[lang]; ok {
		return lang
	}
	return En
}

// T is message k in lang, formatted with args like fmt.Sprintf. A key
// missing from lang falls back to English (a test keeps both complete);
// an unknown key shows itself, so a typo is visible, never an empty reply.
func T(lang string, k Key, args ...any) string {
	s, ok := catalogue[Norm(lang)][k]
	if !ok {
		if s, ok = catalogue[En][k]; !ok {
			return string(k)
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Messages returns lang's catalogue (a copy), for tests.
func Messages(lang string) map[Key]string {
	out := map[Key]string{}
	for k, v := range catalogue[lang] {
		out[k] = v
	}
	return out
}

// Mark is " " + InLang(lang, other) for a passage in another language
// than the reply's, "" for one in the same.
func Mark(lang, other string) string {
	if Norm(other) == Norm(lang) {
		return ""
	}
	return " " + InLang(lang, other)
}

// InLang is the marker for a passage or document in language other, shown
// in a reply in lang: "(en inglés)" on an English article paragraph quoted
// in a Spanish answer.
func InLang(lang, other string) string {
	if Norm(other) == Es {
		return T(lang, InSpanish)
	}
	return T(lang, InEnglish)
}

var esMonths = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "octubre", "noviembre", "diciembre"}

// LongDate writes an ISO date ("2026-07-03") for a reply in lang. English
// keeps the ISO form its replies have always shown; Spanish writes it out
// ("3 de julio de 2026"), as a reader in Los Angeles would say it, since
// "07-03" reads as March 7 to many of them.
func LongDate(lang, iso string) string {
	if Norm(lang) != Es {
		return iso
	}
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return fmt.Sprintf("%d de %s de %d", t.Day(), esMonths[t.Month()-1], t.Year())
}

// ShortDate is a day in a moderator listing: "Jan 2, 2006", "2 ene. 2006".
func ShortDate(lang string, t time.Time) string {
	if Norm(lang) != Es {
		return t.Format("Jan 2, 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), esMonths[t.Month()-1][:3]+".", t.Year())
}

// DayTime is a day and time in the unanswered queue: "Jan 2 15:04",
// "2 ene. 15:04".
func DayTime(lang string, t time.Time) string {
	if Norm(lang) != Es {
		return t.Format("Jan 2 15:04")
	}
	return fmt.Sprintf("%d %s %s", t.Day(), esMonths[t.Month()-1][:3]+".", t.Format("15:04"))
}
