package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestEveryKeyInEveryLanguage keeps the catalogues in step: the same keys,
// and the same formatting verbs in the same order, so a Spanish message
// never prints "%!d(MISSING)" or shows the arguments swapped.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	for _, lang := range Langs {
		for _, other := range Langs {
			for k := range catalogue[lang] {
				if _, ok := catalogue[other][k]; !ok {
					t.Errorf("%s has %q, %s does not", lang, k, other)
				}
			}
		}
	}
	for k, v := range en {
		if got, want := verbRE.FindAllString(es[k], -1), verbRE.FindAllString(v, -1); !slices.Equal(got, want) {
			t.Errorf("%q: Spanish verbs %v, English %v", k, got, want)
		}
		if strings.TrimSpace(es[k]) == "" {
			t.Errorf("%q: empty Spanish", k)
		}
	}
}

// TestSpanishIsTranslated: a Spanish message that is the English one
// unchanged is a forgotten translation, unless it has no words to
// translate.
func TestSpanishIsTranslated(t *testing.T) {
	wordless := map[Key]bool{SourceFooter: true}
	for k, v := range en {
		if es[k] == v && !wordless[k] {
			t.Errorf("%q is English in the Spanish catalogue: %q", k, v)
		}
	}
}

// TestDiscordLimits: descriptions, button labels, form titles and input
// labels have Discord's length limits whatever the language.
func TestDiscordLimits(t *testing.T) {
	limits := map[Key]int{ModalQuestions: 45, ModalAnswer: 45, ModalPinAs: 45, ModalCites: 45, ModalPinNew: 45, ModalPlaceholder: 100,
		ModalEdit: 45 - 10, BtnMore: 80, BtnShow: 80, BtnHelpful: 80, BtnNotHelpful: 80, BtnPin: 80, SelectSource: 150,
		QueuePinBtn: 80 - 3, QueueDismissBtn: 80 - 3}
	for _, lang := range Langs {
		for k, v := range catalogue[lang] {
			n, ok := limits[k]
			if strings.HasPrefix(string(k), "cmd.") {
				n, ok = 100, true
			}
			if ok && utf8.RuneCountInString(v) > n {
				t.Errorf("%s %q is %d characters, more than %d", lang, k, utf8.RuneCountInString(v), n)
			}
		}
	}
}

func TestFallbacksAndDates(t *testing.T) {
	if FromLocale("es-419") != Es || FromLocale("es-ES") != Es || FromLocale("en-US") != En || FromLocale("") != En || FromLocale("fr") != En {
		t.Error("FromLocale")
	}
	if T("fr", BtnMore) != "More results" || T("", BtnMore) != "More results" || T(Es, "no.such.key") != "no.such.key" {
		t.Error("fallbacks")
	}
	if got := T(Es, Cooldown, 3); got != "Estás preguntando muy rápido; espera 3 s y vuelve a preguntar." {
		t.Errorf("T with args: %q", got)
	}
	if LongDate(En, "2026-07-03") != "2026-07-03" || LongDate(Es, "2026-07-03") != "3 de julio de 2026" || LongDate(Es, "soon") != "soon" {
		t.Error("LongDate")
	}
	d := time.Date(2026, 8, 1, 9, 5, 0, 0, time.UTC)
	if ShortDate(En, d) != "Aug 1, 2026" || ShortDate(Es, d) != "1 ago. 2026" || DayTime(Es, d) != "1 ago. 09:05" {
		t.Errorf("short dates: %q %q %q", ShortDate(En, d), ShortDate(Es, d), DayTime(Es, d))
	}
	if InLang(Es, En) != "(en inglés)" || InLang(En, Es) != "(in Spanish)" {
		t.Error("InLang")
	}
}
