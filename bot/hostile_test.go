package bot

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	fd "ordinancebot/internal/fakediscord"
)

// Hostile or odd text, as questions and as pinned answers: each gets a
// short, sensible reply, every payload passes the spec and Discord's
// limits (the fake checks), nothing pings anyone and echoed text cannot
// break the message's formatting.
var hostile = map[string]string{
	"empty":            "",
	"whitespace":       " \t\n  ",
	"6000 characters":  strings.Repeat("sanctuary ", 600),
	"control chars":    "is it\x00 law\x07 yet\x1b[31m?",
	"zero-width, RTL":  "is\u200b it\u200d law\u202e yet\u2066?",
	"emoji, combining": "🚔🚔 can cops ask about status? e\u0301e\u0301 👀",
	"invalid UTF-8":    "is it law\xff\xfe yet",
	"query syntax":     `+a -b field:x " * ~2 title:ordinance^9 /.*/`,
	"everyone, here":   "@everyone @here is it law yet",
	"user, role":       "<@123456> <@!654321> <@&777> <#400> is it law",
	"masked link":      "[click](https://example.com) is it law ](x) **bold** __u__",
	"code fence":       "```\nis it law\n``` `x` ~~y~~ ||spoiler||",
	"embed breaker":    strings.Repeat("**__~~||`[]()>#", 400),
}

// customIDs are never shown to anyone, so they may carry the raw question.
var customIDs = regexp.MustCompile(`"custom_id":"(\\.|[^"\\])*"`)

func checkHarmless(t *testing.T, body string) {
	t.Helper()
	body = customIDs.ReplaceAllString(body, `"custom_id":""`)
	if strings.Contains(body, "@everyone") || strings.Contains(body, "@here") {
		t.Errorf("an unescaped @everyone/@here was sent: %.200s", body)
	}
	for _, m := range []string{"<@123456>", "<@!654321>", "<@&777>"} {
		if strings.Contains(body, m) {
			t.Errorf("mention %s echoed as a mention", m)
		}
	}
	if strings.Contains(body, "[click](https://example.com)") {
		t.Error("a user's masked link was echoed as a link")
	}
	if !strings.Contains(body, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("allowed_mentions missing: %.300s", body)
	}
}

func TestHostileQuestions(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t)
	for name, q := range hostile {
		t.Run(name, func(t *testing.T) {
			f.Dispatch("INTERACTION_CREATE", askFrom("800", "700", q))
			r := f.Next(t)
			checkHarmless(t, string(r.Body))
			data := decode(t, r.Body)["data"].(map[string]any)
			if data["embeds"] == nil && data["content"] == "" {
				t.Fatalf("empty reply: %s", r.Body)
			}
			// The same text as a mention.
			f.Dispatch("MESSAGE_CREATE", map[string]any{
				"id": "801", "channel_id": fd.ChannelID, "guild_id": fd.GuildID, "content": "<@200> " + q,
				"author": map[string]any{"id": "702", "username": "x"}, "timestamp": "2026-01-01T00:00:00Z",
				"mentions": []any{map[string]any{"id": fd.AppID, "username": "ordinancebot", "bot": true}},
			})
			checkHarmless(t, string(f.Next(t).Body))
		})
	}
}

func TestHostilePinTexts(t *testing.T) {
	f, _, store := startModBot(t, filepath.Join(t.TempDir(), "pins.db"))
	for name, text := range hostile {
		t.Run(name, func(t *testing.T) {
			f.Dispatch("INTERACTION_CREATE", as(pinSub("add", strOpt("question", text), strOpt("answer", text)), modPerms))
			r := f.Next(t)
			checkHarmless(t, string(r.Body))
			msg := decode(t, r.Body)["data"].(map[string]any)["content"].(string)
			if !strings.HasPrefix(msg, "Pinned p") && !strings.HasPrefix(msg, "Not saved") {
				t.Fatalf("reply: %q", msg)
			}
		})
	}
	// Whatever was saved shows safely in a list and in answers.
	f.Dispatch("INTERACTION_CREATE", as(pinSub("list"), modPerms))
	checkHarmless(t, string(f.Next(t).Body))
	ps, _ := store.List(t.Context(), fd.GuildID)
	for _, p := range ps {
		f.Dispatch("INTERACTION_CREATE", askFrom("802", "703", p.Questions[0]))
		checkHarmless(t, string(f.Next(t).Body))
	}
}
