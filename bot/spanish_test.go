package bot

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/index"
	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/golden"
	"ordinancebot/internal/i18n"
	"ordinancebot/internal/testengine"
	"ordinancebot/pins"
)

// shownText is what a member sees of a Discord body: content, embed text,
// labels, choices; never custom ids or URLs, which are not shown.
func shownText(t *testing.T, raw []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				switch k {
				case "content", "title", "description", "text", "name", "value", "label", "placeholder":
					if s, ok := y.(string); ok && s != "" {
						out = append(out, s)
						continue
					}
				case "custom_id", "url":
					continue
				}
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(v)
	return out
}

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// englishFragments are the pieces of the English catalogue a Spanish reply
// must not contain: each message split at its formatting verbs and lines,
// keeping pieces with a word in them. Command names stay English in every
// language (they are what Discord shows), so they are not fragments.
func englishFragments() []string {
	spanish := map[string]bool{}
	for _, v := range i18n.Messages(i18n.Es) {
		for _, p := range verbRE.Split(v, -1) {
			spanish[strings.TrimSpace(p)] = true
		}
	}
	commands := []string{cmdAnswer, cmdPinAs}
	seen := map[string]bool{}
	var out []string
	for _, v := range i18n.Messages(i18n.En) {
		for _, p := range verbRE.Split(v, -1) {
			for _, line := range strings.Split(p, "\n") {
				for _, c := range commands {
					line = strings.ReplaceAll(line, c, "\x00")
				}
				for _, frag := range strings.Split(line, "\x00") {
					frag = strings.Trim(frag, " .,:;()\"*·—→-#•")
					if len(frag) < 4 || !strings.ContainsAny(frag, "abcdefghijklmnopqrstuvwxyz") || spanish[frag] || seen[frag] {
						continue
					}
					seen[frag] = true
					out = append(out, frag)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// containsWords finds frag as whole words: "Sources" must not match inside a
// longer word of quoted English corpus text.
func containsWords(s, frag string) bool {
	return regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(frag) + `($|[^\pL])`).MatchString(s)
}

// checkNoEnglish fails when a Spanish reply shows a piece of the English
// catalogue. Quoted English passages are corpus text, not catalogue
// strings, and are labelled "(en inglés)"; single words of the catalogue
// ("Sources", "Helpful") are looked for only as whole labels, since an
// English passage may well use them as words.
func checkNoEnglish(t *testing.T, what string, shown []string) {
	t.Helper()
	frags := englishFragments()
	for _, s := range shown {
		for _, frag := range frags {
			single := !strings.Contains(frag, " ")
			if single && strings.TrimSpace(s) == frag || !single && containsWords(s, frag) {
				t.Errorf("%s: Spanish reply shows English %q in %.200q", what, frag, s)
			}
		}
	}
}

// TestSpanishGoldenRepliesHaveNoEnglish runs the English-string check on
// every recorded Spanish reply (the *-es goldens).
func TestSpanishGoldenRepliesHaveNoEnglish(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*-es.json")
	if len(files) < 5 {
		t.Fatalf("want the Spanish goldens (answer, nothing relevant, /help, /source, /about), found %v", files)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkNoEnglish(t, filepath.Base(f), shownText(t, raw))
	}
}

// TestEnglishCheckCatchesEnglish: the check above finds what it is for.
func TestEnglishCheckCatchesEnglish(t *testing.T) {
	for _, s := range []string{"More results", "Quotes from the sources, not legal advice. Corpus as of 2026-07-03.", "Sources"} {
		found := false
		for _, frag := range englishFragments() {
			if !strings.Contains(frag, " ") && s == frag || strings.Contains(frag, " ") && containsWords(s, frag) {
				found = true
			}
		}
		if !found {
			t.Errorf("the English check misses %q", s)
		}
	}
}

// TestSpanishRenderers covers what the goldens do not reach: the empty
// question, the pinned-answer marker, the cooldown and paging refusals,
// and the moderators' form, all in Spanish.
func TestSpanishRenderers(t *testing.T) {
	var shown []string
	add := func(v any) {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		shown = append(shown, shownText(t, raw)...)
	}
	empty := answerEmbeds("¿?", &index.Result{Lang: "es", Reason: index.ReasonEmpty}, "2026-07-03")[0]
	if !strings.Contains(empty.Description, "no tiene palabras") || empty.Title != "P: ¿?" {
		t.Errorf("empty question: %+v", empty)
	}
	add(empty)
	pe := pinEmbed(i18n.Es, &pins.Pin{ID: "p2", Questions: []string{"¿la migra puede entrar a mi casa?"}, Answer: "Solo con una orden judicial.",
		Citations: []string{"resumen-que-prohibe-2"}, PinnedAt: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	if !strings.HasPrefix(pe.Title, "📌 Respuesta fijada por los moderadores") || pe.Footer.Text != "Respuesta p2 · fijada el 15 ene. 2026" {
		t.Errorf("pin marker: %q / %q", pe.Title, pe.Footer.Text)
	}
	add(pe)
	for _, err := range []error{&answer.Cooldown{Wait: 2 * time.Second}, answer.ErrNoMore} {
		_, ue := askRefusal(err, i18n.Es)
		add(map[string]string{"content": ue.(*UserError).Msg})
	}
	if _, ue := askRefusal(&answer.Cooldown{Wait: 2 * time.Second}, i18n.Es); ue.(*UserError).Msg != "Estás preguntando muy rápido; espera 3 s y vuelve a preguntar." {
		t.Errorf("cooldown: %q", ue.(*UserError).Msg)
	}
	add(pinModal(i18n.Es, modalPinNew+"q1", i18n.T(i18n.Es, i18n.ModalPinNew), "¿?", ""))
	add(map[string]string{"content": pinFailure(i18n.Es, &discordgo.RESTError{Message: &discordgo.APIErrorMessage{Code: 30003}})})
	// A refused pin says why in the moderator's language, whatever the
	// reason the pins package codes (and, for an English moderator, the
	// very words the command line shows for it).
	refused := []error{pins.ErrTooManyPins}
	for _, p := range []pins.Pin{
		{Guild: "1", Answer: "a"},
		{Guild: "1", Questions: []string{"q"}},
		{Guild: "1", Questions: []string{strings.Repeat("q", pins.MaxQuestionLen+1)}, Answer: "a"},
		{Guild: "1", Questions: []string{"q"}, Answer: strings.Repeat("a", pins.MaxAnswerLen+1)},
		{Guild: "1", Questions: []string{"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11"}[:pins.MaxQuestions+1], Answer: "a"},
	} {
		refused = append(refused, p.Normalize())
	}
	for _, err := range refused {
		var inv *pins.InvalidError
		if !errors.As(err, &inv) || inv.Code == "" {
			t.Fatalf("%v: not a coded pins.InvalidError", err)
		}
		_, _, ue := pinError(i18n.Es, err)
		add(map[string]string{"content": ue.(*UserError).Msg})
		if _, _, ue := pinError(i18n.En, err); ue.(*UserError).Msg != "Not saved: "+inv.Reason+"." {
			t.Errorf("English reply %q, want the pins package's reason %q", ue.(*UserError).Msg, inv.Reason)
		}
	}
	checkNoEnglish(t, "renderers", shown)
}

// TestExampleQuestionsAreAnswered: the questions "nothing relevant"
// suggests must themselves be answered, in their own language.
func TestExampleQuestionsAreAnswered(t *testing.T) {
	e := testengine.Get(t)
	for _, lang := range i18n.Langs {
		for _, k := range exampleQuestions {
			q := i18n.T(lang, k)
			res, err := e.SearchLang(q, "auto", "", 3, 0)
			if err != nil || !res.Answered || res.Lang != lang {
				t.Errorf("example %q: answered %v in %q (%v)", q, res != nil && res.Answered, res.Lang, err)
			}
		}
	}
}

// TestCommandsGolden keeps the registered commands, with their Spanish
// description_localizations, in a golden file: the exact output of
// `ordinancebot register --dry-run`.
func TestCommandsGolden(t *testing.T) {
	out, err := json.MarshalIndent(Commands(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "golden", "commands.json"), append(out, '\n'), "registered commands")
}

// TestSpanishEndToEnd: a member whose Discord is in Latin American Spanish
// asks in Spanish through the real session and a fake Discord that checks
// every body against Discord's spec, and sees Spanish labels, footer and
// buttons; then the rest of what they and a moderator may touch.
func TestSpanishEndToEnd(t *testing.T) { eachTransport(t, testSpanishEndToEnd) }

func testSpanishEndToEnd(t *testing.T, tr transport) {
	f, _, _ := tr.startMod(t, filepath.Join(t.TempDir(), "pins.db"))
	es := func(ic map[string]any) map[string]any { ic["locale"] = "es-419"; return ic }
	var shown []string
	next := func() map[string]any {
		t.Helper()
		r := f.Next(t)
		shown = append(shown, shownText(t, r.Body)...)
		return fd.Decode(t, r.Body)
	}
	const q = "¿la migra puede entrar a las escuelas?"

	f.Dispatch("INTERACTION_CREATE", es(askIC(q)))
	data := next()["data"].(map[string]any)
	embed := data["embeds"].([]any)[0].(map[string]any)
	if embed["title"] != "P: "+q {
		t.Errorf("title %q", embed["title"])
	}
	footer := embed["footer"].(map[string]any)["text"].(string)
	if !strings.HasPrefix(footer, "Citas de las fuentes, no es asesoría legal.") || !strings.Contains(footer, "3 de julio de 2026") {
		t.Errorf("footer %q", footer)
	}
	var labels, names []string
	for _, row := range data["components"].([]any) {
		for _, c := range row.(map[string]any)["components"].([]any) {
			if c.(map[string]any)["type"].(float64) == 3 { // the passages menu
				labels = append(labels, c.(map[string]any)["placeholder"].(string))
				continue
			}
			labels = append(labels, c.(map[string]any)["label"].(string))
		}
	}
	for _, fl := range embed["fields"].([]any) {
		names = append(names, fl.(map[string]any)["name"].(string))
	}
	if want := []string{"Ver un pasaje completo, con sus fuentes", "Más resultados", "Me sirvió", "No me sirvió", "Fijar respuesta"}; strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("buttons %q, want %q", labels, want)
	}
	// A Spanish question whose best evidence is an English article
	// paragraph (its words are the article's): quoted, labelled English.
	f.Dispatch("INTERACTION_CREATE", es(askIC("que dijo la lagop sobre drunk driving")))
	var mixed []string
	for _, fl := range next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)["fields"].([]any) {
		mixed = append(mixed, fl.(map[string]any)["name"].(string))
	}
	if !strings.Contains(strings.Join(mixed, "\n"), "Article ¶12 (en inglés)") {
		t.Errorf("the English article paragraph is not labelled as English: %q", mixed)
	}

	t.Run("buttons", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", es(buttonIC(idHelpful+q, "870", fd.ChannelID)))
		if c := next()["data"].(map[string]any)["content"]; c != "¡Gracias por tu opinión!" {
			t.Errorf("vote thanks %q", c)
		}
		f.Dispatch("INTERACTION_CREATE", es(buttonIC(moreID(3, q), "870", fd.ChannelID)))
		if e := next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any); !strings.HasPrefix(e["title"].(string), "P: ") {
			t.Errorf("second page %v", e["title"])
		}
		// "Ver la fuente" clicked by someone whose Discord is in English:
		// the answer's language still holds.
		f.Dispatch("INTERACTION_CREATE", buttonIC(showID(i18n.Es, "resumen-escuelas-lausd-4"), "870", fd.ChannelID))
		e := next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)
		if fl := e["fields"].([]any)[0].(map[string]any); fl["name"] != "Fuentes" {
			t.Errorf("source field %q", fl["name"])
		}
		// The passage chosen in the menu, by someone whose Discord is in
		// English: Spanish still.
		pick := buttonIC(pickID(i18n.Es), "870", fd.ChannelID)
		pick["data"] = map[string]any{"custom_id": pickID(i18n.Es), "component_type": 3, "values": []any{"resumen-que-prohibe-2"}}
		f.Dispatch("INTERACTION_CREATE", pick)
		e = next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)
		if !strings.HasPrefix(e["title"].(string), "Resumen de la ordenanza") || e["footer"].(map[string]any)["text"] == nil ||
			!strings.Contains(e["footer"].(map[string]any)["text"].(string), "resumen-que-prohibe-2") {
			t.Errorf("chosen passage %v", e)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		for _, typed := range []string{"migra en escu", "ice"} { // the second only the locale can tell
			f.Dispatch("INTERACTION_CREATE", es(fd.Interaction(4, map[string]any{"id": "90", "name": "ask", "type": 1,
				"options": []any{map[string]any{"name": "question", "type": 3, "value": typed, "focused": true}}})))
			choices := next()["data"].(map[string]any)["choices"].([]any)
			if len(choices) < 2 {
				t.Fatalf("%q: %v", typed, choices)
			}
			if s := choices[0].(map[string]any)["name"].(string); index.DetectLang(s, "") != "es" {
				t.Errorf("%q: first suggestion %q is not Spanish", typed, s)
			}
		}
	})

	t.Run("pinned answer and moderators", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", es(as(pinSub("add", strOpt(optQ, q), strOpt(optAnswer, "Solo con una orden judicial firmada.")), modPerms)))
		if c := next()["data"].(map[string]any)["content"].(string); !strings.HasPrefix(c, "Fijé p1. Quien pregunte") {
			t.Errorf("pin add: %q", c)
		}
		f.Dispatch("INTERACTION_CREATE", es(askIC(q)))
		e := next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)
		if !strings.HasPrefix(e["title"].(string), "📌 Respuesta fijada por los moderadores de este servidor") {
			t.Errorf("pin marker %q", e["title"])
		}
		f.Dispatch("INTERACTION_CREATE", es(as(pinSub("list"), modPerms)))
		if e := next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any); e["title"] != "Respuestas fijadas (1)" {
			t.Errorf("pin list %q", e["title"])
		}
		f.Dispatch("INTERACTION_CREATE", es(pinSub("list"))) // not a moderator
		if c := next()["data"].(map[string]any)["content"].(string); !strings.HasPrefix(c, "Solo los moderadores") {
			t.Errorf("refusal %q", c)
		}
		f.Dispatch("INTERACTION_CREATE", es(as(fd.Interaction(2, map[string]any{"id": "93", "name": "unanswered", "type": 1}), modPerms)))
		next()
	})

	t.Run("answer with sources", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", es(fd.Interaction(2, map[string]any{
			"id": "93", "name": "Answer with sources", "type": 3, "target_id": "871",
			"resolved": map[string]any{"messages": map[string]any{"871": map[string]any{
				"id": "871", "channel_id": fd.ChannelID, "content": "oye la policia me puede pedir papeles?",
				"author": map[string]any{"id": "702", "username": "vecino"}, "timestamp": "2026-01-01T00:00:00Z",
			}}},
		})))
		next() // deferral
		reply := next()
		if e := reply["embeds"].([]any)[0].(map[string]any); !strings.HasPrefix(e["title"].(string), "P: ") {
			t.Errorf("reply %v", e["title"])
		}
		if c := next()["content"]; c != i18n.T(i18n.Es, i18n.Posted) {
			t.Errorf("confirmation %q", c)
		}
	})

	t.Run("help and errors", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", es(fd.Interaction(2, map[string]any{"id": "92", "name": "help", "type": 1})))
		if e := next()["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any); e["title"] != "Cómo usar ordinancebot" {
			t.Errorf("help %q", e["title"])
		}
		f.Dispatch("INTERACTION_CREATE", es(fd.Interaction(2, map[string]any{"id": "95", "name": "gone", "type": 1})))
		if c := next()["data"].(map[string]any)["content"]; c != "No conozco ese comando; prueba con /help." {
			t.Errorf("unknown command %q", c)
		}
		f.Dispatch("INTERACTION_CREATE", es(buttonIC("nope:1", "870", fd.ChannelID)))
		if c := next()["data"].(map[string]any)["content"]; c != "Ese botón ya expiró; vuelve a preguntar con /ask." {
			t.Errorf("expired button %q", c)
		}
	})

	t.Run("DM without a locale: the text decides", func(t *testing.T) {
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": "872", "channel_id": "430", "content": "cuando firmo la alcaldesa la ordenanza",
			"author": map[string]any{"id": "703", "username": "vecina"}, "timestamp": "2026-01-01T00:00:00Z",
		})
		if e := next()["embeds"].([]any)[0].(map[string]any); !strings.HasPrefix(e["title"].(string), "P: ") {
			t.Errorf("DM reply %v", e["title"])
		}
	})

	checkNoEnglish(t, "Spanish end to end", shown)

	t.Run("an English question from a Spanish locale is answered in English", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", es(askIC("can the police ask about my immigration status?")))
		data := fd.Decode(t, f.Next(t).Body)["data"].(map[string]any)
		e := data["embeds"].([]any)[0].(map[string]any)
		if !strings.HasPrefix(e["title"].(string), "Q: ") || !strings.HasPrefix(e["footer"].(map[string]any)["text"].(string), "Quotes from the sources") {
			t.Errorf("want English: %v / %v", e["title"], e["footer"])
		}
		if !strings.Contains(string(mustJSON(data["components"])), `"More results"`) {
			t.Errorf("want English buttons: %v", data["components"])
		}
		// Text that cannot tell ("ICE?") follows the locale.
		f.Dispatch("INTERACTION_CREATE", es(askIC("ICE?")))
		e = fd.Decode(t, f.Next(t).Body)["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)
		if !strings.HasPrefix(e["title"].(string), "P: ") {
			t.Errorf("an unclear question from es-419 should be answered in Spanish: %v", e["title"])
		}
	})
}

// TestDescriptionsLocalized: every chat command and option has its
// description in both Spanish locales, within Discord's 1–100 characters
// (the fake Discord also validates the registration against the spec).
func TestDescriptionsLocalized(t *testing.T) {
	check := func(what, desc string, loc map[discordgo.Locale]string) {
		for _, l := range spanishLocales {
			s := loc[l]
			if n := len([]rune(s)); n == 0 || n > 100 || s == desc {
				t.Errorf("%s: %s description %q", what, l, s)
			}
		}
	}
	var walk func(string, []*discordgo.ApplicationCommandOption)
	walk = func(path string, opts []*discordgo.ApplicationCommandOption) {
		for _, o := range opts {
			check(path+" "+o.Name, o.Description, o.DescriptionLocalizations)
			walk(path+" "+o.Name, o.Options)
		}
	}
	for _, c := range Commands() {
		if c.Type == discordgo.MessageApplicationCommand {
			if c.DescriptionLocalizations != nil {
				t.Errorf("message command %q may not have a description", c.Name)
			}
			continue
		}
		if c.DescriptionLocalizations == nil {
			t.Fatalf("/%s has no description_localizations", c.Name)
		}
		check("/"+c.Name, c.Description, *c.DescriptionLocalizations)
		walk("/"+c.Name, c.Options)
	}
}
