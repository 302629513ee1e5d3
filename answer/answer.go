// Package answer is how ordinancebot answers a question, whatever it came
// through (/ask, a mention, a DM, "Answer with sources"): one question cap,
// one cooldown, one duplicate rule, the choice of a server's pinned answer,
// and what is queued for moderators afterwards. It knows nothing of Discord;
// the bot renders what it returns.
package answer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"ordinancebot/index"
	"ordinancebot/internal/markdown"
	"ordinancebot/pins"
)

// Limits of one answer.
const (
	// MaxQuestion is the most of a question kept (Discord's option limit);
	// the engine bounds what it analyses further.
	MaxQuestion = 1000
	// PageSize is how many passages one answer shows.
	PageSize        = 3
	maxSuggested    = 10
	pinPassageRunes = 900
)

// Searcher is the part of the search engine answering needs.
type Searcher interface {
	// SearchLang answers question in lang ("auto": detected from the text,
	// hint, a Discord locale such as "es-419", deciding unclear text).
	SearchLang(question, lang, hint string, limit, offset int) (*index.Result, error)
	// Comparer analyses question once and returns how much each other
	// question asks the same thing, from 0 to 1 (index.SameQuestion and up
	// is the same question).
	Comparer(question string) func(other string) float64
	// PinMatcher indexes a server's pins for matching questions to them.
	PinMatcher(docs []index.PinDoc) *index.PinMatcher
}

// Pins is the part of a pins.Store answering needs.
type Pins interface {
	List(ctx context.Context, guildID string) ([]pins.Pin, error)
	Used(ctx context.Context, guildID, id string) error
	Vote(ctx context.Context, guildID, question, userID string, helpful bool) (up, down int, err error)
	Queue(ctx context.Context, guildID string, n int) ([]pins.Entry, error)
	Enqueue(ctx context.Context, guildID string, q pins.Queued) (pins.Entry, error)
}

// Observer counts what operations wants to see; nil is fine.
type Observer interface {
	Question(answered bool)
	Feedback(helpful bool)
	// Throttled counts a request the per-user limiter refused, by the
	// path it came through (Request.Via).
	Throttled(via string)
}

// Config is what the service needs; Pins nil turns pinned answers and the
// queue off.
type Config struct {
	Searcher Searcher
	Pins     Pins
	// Cooldown is the time one of a user's Burst questions takes to come
	// back (a token bucket: Burst back to back, then one per Cooldown);
	// DuplicateWindow is how long the same answer is not posted again in a
	// channel. Zero turns either off; Burst below 1 is 1.
	Cooldown, DuplicateWindow time.Duration
	Burst                     int
	Observer                  Observer
	Logger                    *slog.Logger
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Throttle shares the cooldown and duplicate window between replicas;
	// nil keeps them in this process.
	Throttle Throttle
}

// Service answers questions.
type Service struct {
	search Searcher
	pins   Pins
	limits *limiter
	obs    Observer
	log    *slog.Logger
	now    func() time.Time
	// queueMu keeps reading the queue and counting on it from interleaving
	// with another question's, or two rewordings asked at once would start
	// two entries. A guild is served by one process (one shard), so a
	// process-wide lock suffices.
	queueMu sync.Mutex
	cache   pinCache
}

// New makes a service.
func New(cfg Config) *Service {
	s := &Service{search: cfg.Searcher, pins: cfg.Pins, limits: newLimiter(cfg.Cooldown, cfg.Burst, cfg.DuplicateWindow),
		obs: cfg.Observer, log: cfg.Logger, now: cfg.Now}
	if s.obs == nil {
		s.obs = noObserver{}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.limits.shared, s.limits.log = cfg.Throttle, s.log
	return s
}

// HasPins reports whether pinned answers, votes and the queue are on.
func (s *Service) HasPins() bool { return s.pins != nil }

// Request is one question from someone somewhere.
type Request struct {
	Guild, Channel, User string // Guild "" in a DM
	Question             string
	// Offset > 0 asks for a further page of an answer already given: no
	// cooldown, no pinned answer, not counted again.
	Offset int
	// Private answers are seen by the asker alone, so they never count as
	// a repeat in the channel.
	Private bool
	// Locale is the asker's Discord locale ("es-419"), when the question
	// came through an interaction; it only decides the language of text
	// too short or mixed to tell (mentions and DMs have none).
	Locale string
	// Context is the question this one follows up, when the asker replied
	// to the bot's answer to it: "what about contractors?" under the
	// answer to "what can't city workers do". It is searched with the
	// question only when the question alone finds nothing (FollowUp).
	Context string
	// Earlier, when Context is empty, looks up the question of the bot's
	// last answer to this asker in the conversation (a DM's "and the
	// december one?" right after an answer): called only when the
	// question alone finds nothing, since it may cost a request to
	// Discord; "" when there is none.
	Earlier func(context.Context) string
	// Via names the path the request came through ("ask", "mention",
	// "dm", "answer_with_sources", "source", "about"), for metrics and
	// logs only.
	Via string
}

// Answer is what to show.
type Answer struct {
	Request
	Result *index.Result
	// Lang is the question's language as detected ("en", "es"): the
	// language to answer in.
	Lang string
	Pin  *pins.Pin // the server's pinned answer to this question, if any
	// Duplicate: this same answer was posted in the channel moments ago;
	// show it to the asker alone, or point at it.
	Duplicate bool
}

// Cooldown is returned when the asker must wait before asking again.
type Cooldown struct{ Wait time.Duration }

// Lang is the language to answer question in when it was not searched (a
// cooldown, a failure): detected from its text, locale deciding unclear
// text, as the search would have.
func Lang(question, locale string) string { return index.DetectLang(question, locale) }

func (c *Cooldown) Error() string { return fmt.Sprintf("cooldown: wait %s", c.Wait) }

// ErrNoMore is returned for a page past the last passage.
var ErrNoMore = errors.New("no more passages")

// Ask answers a question. Call Delivered once the answer has been shown.
func (s *Service) Ask(ctx context.Context, r Request) (*Answer, error) {
	if utf8.RuneCountInString(r.Question) > MaxQuestion {
		r.Question = string([]rune(r.Question)[:MaxQuestion])
	}
	first := r.Offset == 0
	if first {
		if err := s.allow(ctx, r); err != nil {
			return nil, err
		}
	}
	res, err := s.search.SearchLang(r.Question, "auto", r.Locale, PageSize, r.Offset)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if first && needsContext(res) {
		if r.Context == "" && r.Earlier != nil {
			r.Context = r.Earlier(ctx)
		}
		if r.Context != "" {
			asked := FollowUp(r.Context, r.Question)
			with, err := s.search.SearchLang(asked, "auto", r.Locale, PageSize, 0)
			if err != nil {
				return nil, fmt.Errorf("search with the question it follows: %w", err)
			}
			if with.Answered {
				// What was searched is what the answer shows and pages on.
				res, r.Question = with, asked
			}
		}
	}
	if !first && len(res.Hits) == 0 {
		return nil, ErrNoMore
	}
	a := &Answer{Request: r, Result: res, Lang: res.Lang}
	if a.Lang == "" {
		a.Lang = index.DetectLang(r.Question, r.Locale)
	}
	if first {
		a.Pin = s.matchPin(ctx, r.Guild, r.Question, res)
		s.obs.Question(res.Answered || a.Pin != nil)
	}
	if !r.Private {
		a.Duplicate = s.limits.duplicate(ctx, r.Channel, a.key(), s.now())
	}
	return a, nil
}

// needsContext reports whether a question that was not answered may be
// a follow-up whose subject is the question before it: it found too
// little of its own, and is not chat, about the bot, a prediction or
// about another matter (those stay refused whatever came before).
func needsContext(res *index.Result) bool {
	ev := res.Evidence
	return !res.Answered && (res.Reason == index.ReasonIrrelevant || res.Reason == index.ReasonNoMatch) &&
		!ev.OffScope && !ev.Chat && !ev.AboutBot && !ev.Prediction
}

// FollowUp is the question searched for a follow-up: the one it follows,
// then its own words, bounded like any question.
func FollowUp(context, question string) string {
	q := strings.Join(strings.Fields(context), " ") + " — " + strings.Join(strings.Fields(question), " ")
	if utf8.RuneCountInString(q) > MaxQuestion {
		q = string([]rune(q)[:MaxQuestion])
	}
	return q
}

// allow takes one of the asker's tokens, or refuses with *Cooldown: the
// refusal is counted and logged (at debug, with the user id hashed, since
// a busy server refuses often and the id is personal).
func (s *Service) allow(ctx context.Context, r Request) error {
	ok, wait := s.limits.allow(ctx, r.Guild+"/"+r.User, s.now())
	if ok {
		return nil
	}
	s.obs.Throttled(r.Via)
	s.log.Debug("request refused: rate limit", "via", r.Via, "user", hashUser(r.User), "guild", r.Guild, "retry_in", wait.Round(time.Millisecond))
	return &Cooldown{Wait: wait}
}

// Post is the limiter for a public post that is not an answer (/source,
// /about): the same per-user bucket as a question, so no path posts
// faster than Ask allows, and the same duplicate window, keyed by what
// the post shows. It returns *Cooldown when refused, and duplicate when
// the same post was made in the channel within the window (show it to the
// asker alone).
func (s *Service) Post(ctx context.Context, r Request, key string) (duplicate bool, err error) {
	if err := s.allow(ctx, r); err != nil {
		return false, err
	}
	if r.Private {
		return false, nil
	}
	return s.limits.duplicate(ctx, r.Channel, "post:"+key, s.now()), nil
}

// key identifies what an answer shows, for duplicate suppression: the
// passages and the pin.
func (a *Answer) key() string {
	var ids []string
	for _, h := range a.Result.Hits {
		ids = append(ids, h.Passage.ID)
	}
	p := ""
	if a.Pin != nil {
		p = a.Pin.ID
	}
	if len(ids) == 0 && p == "" {
		return "nothing:" + a.Result.Question
	}
	return p + "|" + strings.Join(ids, ",")
}

// Delivered records that an answer was shown: the pin's use is counted,
// and a question nothing answered goes to the server's queue. Slow store
// writes belong here, after the reply, not before it.
func (s *Service) Delivered(ctx context.Context, a *Answer) {
	if s.pins == nil || a.Guild == "" || a.Offset > 0 {
		return
	}
	if a.Pin != nil {
		if err := s.pins.Used(ctx, a.Guild, a.Pin.ID); err != nil && !errors.Is(err, pins.ErrNotFound) {
			s.log.Error("count pin use", "guild", a.Guild, "pin", a.Pin.ID, "err", err)
		}
		return
	}
	// Chat ("thanks!", "hi bot") asks nothing a moderator could answer:
	// it would only crowd the unanswered queue.
	if !a.Result.Answered && a.Result.Reason != index.ReasonEmpty && a.Result.Reason != index.ReasonChat {
		s.enqueue(ctx, a.Guild, a.Question, a.User, pins.ReasonNoAnswer)
	}
}

// matchPin returns the guild's pinned answer the question asks for, in its
// own or other words (index.PinMatcher: its questions, its passages, its
// answer's words), if one is clearly the best match.
func (s *Service) matchPin(ctx context.Context, guildID, question string, res *index.Result) *pins.Pin {
	if s.pins == nil || guildID == "" || strings.TrimSpace(question) == "" {
		return nil
	}
	g, err := s.guildPins(ctx, guildID)
	if err != nil {
		s.log.Error("read pins", "guild", guildID, "err", err)
		return nil
	}
	m, ok := g.matcher.Match(question, res)
	if !ok {
		return nil
	}
	p := g.byID[m.ID]
	return &p
}

// Feedback records a vote on the answer to a question; an answer that did
// not help goes to the moderators' queue.
func (s *Service) Feedback(ctx context.Context, guildID, question, userID string, helpful bool) error {
	if _, _, err := s.pins.Vote(ctx, guildID, question, userID, helpful); err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	s.obs.Feedback(helpful)
	if !helpful {
		s.enqueue(ctx, guildID, question, userID, pins.ReasonNotHelpful)
	}
	return nil
}

// enqueue counts a question on the queue. Deciding which entry it rewords
// needs the search engine, so it runs here, before and outside the
// store's write transaction; the store counts each user once per entry.
func (s *Service) enqueue(ctx context.Context, guildID, question, userID, reason string) {
	s.queueMu.Lock()
	defer s.queueMu.Unlock()
	q := pins.Queued{Question: question, Reason: reason, At: s.now().UTC(), User: userID}
	entries, err := s.pins.Queue(ctx, guildID, 0)
	if err != nil {
		s.log.Error("read unanswered queue", "guild", guildID, "err", err)
	}
	// The oldest entry asking the same thing in other words takes it.
	slices.SortFunc(entries, func(x, y pins.Entry) int { return cmp.Compare(entryNum(x.ID), entryNum(y.ID)) })
	if len(entries) > 0 {
		similar := s.search.Comparer(question)
		for _, e := range entries {
			if similar(e.Question) >= index.SameQuestion {
				q.Rewords = e.ID
				break
			}
		}
	}
	if _, err := s.pins.Enqueue(ctx, guildID, q); err != nil && !errors.Is(err, pins.ErrInvalid) {
		s.log.Error("queue unanswered question", "guild", guildID, "err", err)
	}
}

func entryNum(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "q"))
	return n
}

// PinnedQuestions are the guild's pinned questions for autocomplete,
// ranked for what was typed by the same matcher that picks pins.
func (s *Service) PinnedQuestions(ctx context.Context, guildID, typed string) []string {
	if s.pins == nil || guildID == "" {
		return nil
	}
	g, err := s.guildPins(ctx, guildID)
	if err != nil {
		s.log.Error("read pins", "guild", guildID, "err", err)
		return nil
	}
	return g.matcher.Questions(typed, maxSuggested)
}

// PinFromResult is the bot's own answer to a question as a pin: each
// passage's label and text in markdown, and its citations. Guild and the
// moderator's fields are the caller's to fill.
func PinFromResult(question string, res *index.Result) pins.Pin {
	var sb strings.Builder
	var cites []string
	for _, h := range res.Hits {
		fmt.Fprintf(&sb, "**%s**: %s\n", markdown.Escape(h.Passage.Label), markdown.Truncate(markdown.Escape(h.Passage.Text), pinPassageRunes))
		cites = append(cites, h.Passage.ID)
	}
	return pins.Pin{Questions: []string{question}, Answer: markdown.TruncateMarkdown(strings.TrimSpace(sb.String()), pins.MaxAnswerLen),
		Citations: cites}
}

// Engine adapts *index.Engine to Searcher.
type Engine struct{ *index.Engine }

type noObserver struct{}

func (noObserver) Question(bool)    {}
func (noObserver) Feedback(bool)    {}
func (noObserver) Throttled(string) {}
