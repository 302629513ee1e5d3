package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/corpus"
	"ordinancebot/index"
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
