package bot

import (
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
	"ordinancebot/internal/testengine"
	"ordinancebot/pins/boltstore"
)

func longPassage(n int) *corpus.Passage {
	d := &corpus.Document{ID: "x", Label: "X", Title: strings.Repeat("T", 400), Publisher: "P", Date: "2025-01-01",
		URL: "https://example.com/" + strings.Repeat("a", 200)}
	p := &corpus.Passage{ID: "x-1", Label: strings.Repeat("Label ", 60), Doc: d,
		Text: strings.Repeat("word *bold* _it_ @everyone <@&1> ", n/30) + "needle " + strings.Repeat("tail ", n/5)}
	d.Passages = []*corpus.Passage{p}
	return p
}

func checkEmbed(t *testing.T, e *discordgo.MessageEmbed) {
	t.Helper()
	if n := embedSize(e); n > maxEmbedTotal {
		t.Fatalf("embed totals %d characters", n)
	}
	if utf8.RuneCountInString(e.Title) > maxEmbedTitle || utf8.RuneCountInString(e.Description) > maxEmbedDesc {
		t.Fatal("title or description too long")
	}
	for _, f := range e.Fields {
		if utf8.RuneCountInString(f.Name) > maxFieldName || utf8.RuneCountInString(f.Value) > maxFieldValue || f.Value == "" {
			t.Fatalf("field %q: name %d value %d", f.Name[:10], utf8.RuneCountInString(f.Name), utf8.RuneCountInString(f.Value))
		}
		if strings.Contains(f.Value, "@everyone") || strings.Contains(f.Value, "<@&1>") {
			t.Fatal("mention survived escaping")
		}
		if !utf8.ValidString(f.Value) {
			t.Fatal("invalid UTF-8")
		}
	}
}

func TestAnswerEmbedsStayWithinLimits(t *testing.T) {
	for _, n := range []int{10, 500, 5000, 20000} {
		p := longPassage(n)
		needle := strings.Index(p.Text, "needle")
		var hits []index.Hit
		for i := 0; i < 10; i++ {
			hits = append(hits, index.Hit{Rank: i + 1, Passage: p, Spans: []index.Span{{Start: needle, End: needle + 6}}})
		}
		res := &index.Result{Answered: true, Hits: hits, Total: 10}
		q := strings.Repeat("why @here ", 700)
		embeds := answerEmbeds(q, res, "2026-07-03")
		checkEmbed(t, embeds[0])
		if n > 500 && !strings.Contains(embeds[0].Fields[0].Value, "**needle**") {
			t.Errorf("n=%d: the snippet should centre on the match: %.200s", n, embeds[0].Fields[0].Value)
		}
		checkEmbed(t, passageEmbed("en", &corpus.Corpus{Passages: []*corpus.Passage{p}}, p, 1))
	}
}

func TestNothingAnswerSuggestsQuestions(t *testing.T) {
	e := answerEmbeds("capital of france", &index.Result{Reason: index.ReasonIrrelevant}, "2026-07-03")[0]
	if !strings.Contains(e.Description, "won't guess") || !strings.Contains(e.Description, "•") {
		t.Fatalf("no-answer embed: %q", e.Description)
	}
	checkEmbed(t, e)
}

func TestPlainTextAndMoreID(t *testing.T) {
	if got := plainText("a\x00b\u202e c  **x** @everyone", 100); got != `a b c \*\*x\*\* @`+"\u200b"+`everyone` {
		t.Errorf("plainText = %q", got)
	}
	id := moreID(3, strings.Repeat("é", 300))
	if utf8.RuneCountInString(id) > maxCustomID || !utf8.ValidString(id) || !strings.HasPrefix(id, "more:3:") {
		t.Errorf("moreID = %q", id)
	}
}

func TestCommandsWithinDiscordRules(t *testing.T) {
	for _, c := range Commands() {
		if c.Type == discordgo.MessageApplicationCommand {
			if c.Description != "" || len(c.Name) > 32 {
				t.Errorf("message command %q", c.Name)
			}
			continue
		}
		if len(c.Name) > 32 || strings.ToLower(c.Name) != c.Name || len(c.Description) == 0 || len(c.Description) > 100 {
			t.Errorf("command %q: bad name or description", c.Name)
		}
		for _, o := range c.Options {
			if len(o.Description) == 0 || len(o.Description) > 100 {
				t.Errorf("option %s.%s description", c.Name, o.Name)
			}
		}
	}
	if u := InviteURL("123"); !strings.Contains(u, "scope=bot+applications.commands") || !strings.Contains(u, "client_id=123") {
		t.Errorf("invite %s", u)
	}
}

// TestAnswersReadAtAGlance (issue 14, items 10–12) renders real answers:
// at most two bold words per passage, and never the same one twice; no
// citation marker in the passage text, its sources listed under it by
// outlet; the summary's label linked to nothing (it has no URL of its
// own) and dated by its as-of date; the article's link named by its outlet;
// no citation id in the text, where it wrapped.
func TestAnswersReadAtAGlance(t *testing.T) {
	e := testengine.Get(t)
	v := view{asOf: e.Corpus().AsOf(), keySpans: func(h index.Hit) []index.Span { return e.KeySpans(h, keyWords) }}
	sawSummary, sawArticle := false, false
	for _, q := range []string{"can the police ask about my immigration status?", "what about ICE at schools?",
		"will the city help ICE?", "how many times did the council vote on it", "what about administrative warrants?"} {
		res, err := e.Search(q, 3, 0)
		if err != nil || !res.Answered {
			t.Fatalf("%q: %v %v", q, err, res)
		}
		em := renderEmbeds(q, res, v)[0]
		checkEmbed(t, em)
		for k, f := range em.Fields {
			text, src, _ := strings.Cut(f.Value, "\n— ")
			bold := regexp.MustCompile(`\*\*([^*]+)\*\*`).FindAllStringSubmatch(text, -1)
			if len(bold) == 0 || len(bold) > keyWords {
				t.Errorf("%q #%d: %d bold words, want 1 to %d: %s", q, k+1, len(bold), keyWords, text)
			}
			seen := map[string]bool{}
			for _, b := range bold {
				if w := strings.ToLower(b[1]); seen[w] {
					t.Errorf("%q #%d: %q bold twice", q, k+1, b[1])
				} else {
					seen[w] = true
				}
			}
			if regexp.MustCompile(`\\\[\d`).MatchString(text) {
				t.Errorf("%q #%d: citation marker in the text: %s", q, k+1, text)
			}
			if strings.Contains(f.Value, "`") {
				t.Errorf("%q #%d: citation id shown: %s", q, k+1, f.Value)
			}
			p := res.Hits[k].Passage
			switch p.Doc.ID {
			case "summary":
				sawSummary = true
				if !strings.HasPrefix(src, "Ordinance summary · as of 2026-07-03\nSources: [") || strings.Contains(f.Value, "[Ordinance summary]") {
					t.Errorf("%q #%d: summary source line %q", q, k+1, src)
				}
			case "article":
				sawArticle = true
				if !strings.HasPrefix(src, "[California Insider (The Epoch Times)](https://californiainsider.com/") {
					t.Errorf("%q #%d: article source line %q", q, k+1, src)
				}
			}
		}
	}
	if !sawSummary || !sawArticle {
		t.Errorf("the questions should reach both documents: summary %v, article %v", sawSummary, sawArticle)
	}
}

// TestSourceOutlet: the words of a source's link are its outlet.
func TestSourceOutlet(t *testing.T) {
	for text, want := range map[string]string{
		`"LA council to finalize and adopt 'sanctuary city' ordinance", Spectrum News 1, Dec. 4, 2024.`:          "Spectrum News 1",
		`"United States v. City of Los Angeles" (case 46752), Civil Rights Litigation Clearinghouse, 2025–2026.`: "Civil Rights Litigation Clearinghouse",
		`"The Justice Department Files Lawsuit", U.S. Department of Justice press release, June 30, 2025.`:       "U.S. Department of Justice press release",
		`Council District 4 (Nithya Raman) press release, March 7, 2023.`:                                        "Council District 4 (Nithya Raman) press release",
		``: "example.com",
	} {
		if got := sourceOutlet(corpus.Source{Text: text, URL: "https://www.example.com/x"}); got != want {
			t.Errorf("sourceOutlet(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestWithoutCitations: markers go with the space before them, and the
// spans still cover the same words.
func TestWithoutCitations(t *testing.T) {
	text := "bars city cooperation [5, 34] with federal agents. [1]"
	a, b := strings.Index(text, "federal"), strings.Index(text, "cooperation")
	got, spans := withoutCitations(text, []index.Span{{Start: b, End: b + len("cooperation")}, {Start: a, End: a + len("federal")}})
	if got != "bars city cooperation with federal agents." {
		t.Fatalf("text %q", got)
	}
	if got[spans[0].Start:spans[0].End] != "cooperation" || got[spans[1].Start:spans[1].End] != "federal" {
		t.Errorf("spans %v over %q", spans, got)
	}
}

// TestNothingSuggestsClosestQuestions (issue 14, item 14): a declined
// question is offered the answerable questions nearest to it, not the
// same three examples every time, and never itself in other words.
func TestNothingSuggestsClosestQuestions(t *testing.T) {
	e := testengine.Get(t)
	b, err := New(Config{Token: "x.y.z"}, answer.Engine{Engine: e})
	if err != nil {
		t.Fatal(err)
	}
	describe := func(q string) string {
		a, err := b.ans.Ask(t.Context(), answer.Request{Question: q, Private: true})
		if err != nil || a.Result.Answered {
			t.Fatalf("%q: want it declined (%v)", q, err)
		}
		embeds, _ := b.renderAnswer(a)
		return embeds[0].Description
	}
	mayor, france := describe("when was the mayor born?"), describe("what is the capital of france")
	if mayor == france {
		t.Errorf("two unrelated declined questions got the same suggestions:\n%s", mayor)
	}
	if !strings.Contains(mayor, "• What did Mayor Bass say about the ordinance?") {
		t.Errorf("the mayor question should suggest what the mayor said:\n%s", mayor)
	}
	for _, tc := range []struct{ q, lang string }{{"when was the mayor born?", "en"}, {"who won the school football game", "en"},
		{"¿quién ganó el partido de la escuela?", "es"}} {
		got := b.closestQuestions(tc.q, tc.lang)
		if len(got) != suggestedQuestions {
			t.Errorf("%q: %d suggestions %q", tc.q, len(got), got)
		}
		for _, s := range got {
			if e.Similar(tc.q, s) >= index.SameQuestion {
				t.Errorf("%q: suggests itself in other words: %q", tc.q, s)
			}
			if res, _ := e.SearchLang(s, "auto", "", 3, 0); !res.Answered || res.Lang != tc.lang {
				t.Errorf("%q: suggestion %q is not answered in %s", tc.q, s, tc.lang)
			}
		}
	}
}

// TestRouterEdgeCases: a second whitespace-only question is not "the same
// answer a moment ago" (issue 14, item 15), a duplicate's private copy
// has only what still makes sense for one reader (item 13), and an
// autocomplete with no data answers with no choices instead of panicking
// (item 17).
func TestRouterEdgeCases(t *testing.T) {
	store, err := boltstore.Open(filepath.Join(t.TempDir(), "pins.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b, err := New(Config{Token: "x.y.z", DuplicateWindow: time.Minute, Store: store,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(q, user string) *discordgo.InteractionResponseData {
		t.Helper()
		i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, GuildID: "100", ChannelID: "300",
			Member: &discordgo.Member{User: &discordgo.User{ID: user}},
			Data: discordgo.ApplicationCommandInteractionData{Name: cmdAsk, Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: optQ, Type: discordgo.ApplicationCommandOptionString, Value: q}}}}
		rp := b.router.Handle(t.Context(), i)
		rp.Finish(t.Context(), &recorder{}, true, b.log.Error)
		if rp.Response == nil || rp.Response.Data == nil {
			t.Fatalf("%q: no response", q)
		}
		return rp.Response.Data
	}
	for k, user := range []string{"701", "702"} {
		d := ask("   ", user)
		if d.Content != "" || d.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(d.Embeds[0].Description, "no words") {
			t.Errorf("blank question %d: content %q flags %d embed %+v", k+1, d.Content, d.Flags, d.Embeds[0])
		}
	}

	const q = "what about ICE at schools?"
	if d := ask(q, "703"); d.Flags != 0 || d.Content != "" || !strings.Contains(mustJSONString(d.Components), `"custom_id":"`+idPinAnswer) {
		t.Fatalf("first ask should be public, with every button: %+v", d)
	}
	d := ask(q, "704")
	if d.Content != i18n.T(i18n.En, i18n.Duplicate) || d.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("duplicate: %q flags %d", d.Content, d.Flags)
	}
	raw := mustJSONString(d.Components)
	for _, gone := range []string{idHelpful, idNotHelpful, idPinAnswer} {
		if strings.Contains(raw, `"`+gone) {
			t.Errorf("the duplicate's private copy repeats %s: %s", gone, raw)
		}
	}
	if !strings.Contains(raw, `"custom_id":"src:"`) || !strings.Contains(raw, `"custom_id":"more:3:`) {
		t.Errorf("the private copy should keep the passages menu and More results: %s", raw)
	}

	for _, data := range []discordgo.InteractionData{nil, discordgo.MessageComponentInteractionData{CustomID: "x"}} {
		rp := b.router.Handle(t.Context(), &discordgo.Interaction{ID: "2", Type: discordgo.InteractionApplicationCommandAutocomplete, Data: data})
		if rp.Response == nil || rp.Response.Type != discordgo.InteractionApplicationCommandAutocompleteResult ||
			rp.Response.Data == nil || rp.Response.Data.Choices == nil || len(rp.Response.Data.Choices) != 0 {
			t.Errorf("autocomplete with data %T: %+v", data, rp.Response)
		}
	}
	// A command or a component with no data is refused in words, not by a panic.
	for _, typ := range []discordgo.InteractionType{discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent} {
		rp := b.router.Handle(t.Context(), &discordgo.Interaction{ID: "3", Type: typ})
		if rp.Response == nil || rp.Response.Data == nil || rp.Response.Data.Content == i18n.T(i18n.En, i18n.Generic) {
			t.Errorf("type %v with no data: %+v", typ, rp.Response)
		}
	}
}
