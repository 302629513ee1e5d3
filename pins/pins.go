// Package pins is what a server's moderators curate: pinned answers, votes
// on answers, and the queue of questions the bot could not answer. It holds
// the domain types, their validation and the Store contract; a store lives
// in a package of its own (boltstore) and proves itself with pinstest.
package pins

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on what moderators store, so one pin always fits a Discord embed.
const (
	MaxQuestions   = 10
	MaxQuestionLen = 300
	MaxAnswerLen   = 3500
	MaxCitations   = 10
	maxVariants    = 5
	// MaxPins is the most pinned answers one server may have: every
	// question is matched against them, and a server that wants more
	// is better served by fewer, broader pins.
	MaxPins = 1000
	// MaxQueue is the most entries one server's unanswered queue keeps;
	// past it the least asked, then the oldest, goes (Evict).
	MaxQueue = 500
)

var (
	// ErrNotFound is returned for an unknown pin or queue entry.
	ErrNotFound = errors.New("not found")
	// ErrInvalid wraps a refused pin (empty question or answer, too long).
	ErrInvalid = errors.New("invalid")
)

// InvalidError is a refused pin or question, with the reason in words a
// moderator can act on. It is ErrInvalid to errors.Is.
type InvalidError struct {
	Reason string
	// Code names the reasons a moderator can meet in Discord (Invalid*),
	// and Args are the values Reason shows: the bot words them in the
	// moderator's language. Empty for reasons only imports give, which
	// the command line shows as Reason.
	Code string
	Args []any
}

// Codes of the reasons Validate and the stores give.
const (
	InvalidQuestionTooLong  = "question_too_long"  // Args: MaxQuestionLen
	InvalidNoQuestion       = "no_question"        //
	InvalidTooManyQuestions = "too_many_questions" // Args: MaxQuestions
	InvalidEmptyAnswer      = "empty_answer"       //
	InvalidAnswerTooLong    = "answer_too_long"    // Args: MaxAnswerLen
	InvalidTooManyPins      = "too_many_pins"      // Args: MaxPins as text ("1,000")
)

func (e *InvalidError) Error() string { return ErrInvalid.Error() + ": " + e.Reason }

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// ErrTooManyPins is a pin refused because its server has MaxPins.
var ErrTooManyPins = &InvalidError{
	Reason: fmt.Sprintf("this server already has %s pinned answers, the most it may have; remove one with /pin remove (or /pin edit one to add a question to it) first", "1,000"),
	Code:   InvalidTooManyPins, Args: []any{"1,000"},
}

func invalid(format string, a ...any) error { return &InvalidError{Reason: fmt.Sprintf(format, a...)} }

// invalidCode is invalid with a code for the bot to word the reason in
// the moderator's language.
func invalidCode(code, format string, a ...any) error {
	return &InvalidError{Reason: fmt.Sprintf(format, a...), Code: code, Args: a}
}

// SkippedError names the records a store could not read and left out of
// a result; the result that comes with it holds all the others.
type SkippedError struct {
	Records []string
}

func (e *SkippedError) Error() string {
	const show = 5
	names := e.Records
	more := ""
	if len(names) > show {
		names, more = names[:show], fmt.Sprintf(" and %d more", len(e.Records)-show)
	}
	return fmt.Sprintf("%d damaged records skipped (%s%s)", len(e.Records), strings.Join(names, ", "), more)
}

// Pin is a moderator-curated answer.
type Pin struct {
	ID         string    `json:"id"`
	Guild      string    `json:"guild"`
	Questions  []string  `json:"questions"`
	Answer     string    `json:"answer"`
	Citations  []string  `json:"citations,omitempty"`
	PinnedBy   string    `json:"pinned_by"`
	PinnedAt   time.Time `json:"pinned_at"`
	EditedBy   string    `json:"edited_by,omitempty"`
	EditedAt   time.Time `json:"edited_at,omitzero"`
	MessageURL string    `json:"message_url,omitempty"`
	Uses       int       `json:"uses"`
}

// Entry is a question in the unanswered queue: asked with no answer, or
// answered and voted not helpful, grouped with its rewordings.
type Entry struct {
	ID         string    `json:"id"`
	Question   string    `json:"question"`
	Variants   []string  `json:"variants,omitempty"`
	Count      int       `json:"count"`
	Reason     string    `json:"reason"`
	FirstAsked time.Time `json:"first_asked"`
	LastAsked  time.Time `json:"last_asked"`
}

// Reasons an entry is queued.
const (
	ReasonNoAnswer   = "no_answer"
	ReasonNotHelpful = "not_helpful"
)

// Queued is one asking of a question for the unanswered queue. Rewords is
// the id of an entry the caller found to ask the same thing in other words:
// deciding that needs the search engine, which has no place inside a
// store's transaction, so the caller decides before and the store only
// trusts the id if the entry still exists.
type Queued struct {
	Question string
	Reason   string
	At       time.Time
	Rewords  string
	// User is who asked (or voted); an entry counts each user once, so
	// one member clicking "Not helpful" 30 times is one asking. The store
	// keeps only a salted hash of it. Empty counts every time.
	User string
}

// Store keeps pins, votes and the queue, each per guild: nothing of one
// guild is visible through another's id. A write returns only once it is
// durable. pinstest.Run is the behaviour every implementation must pass.
// Versioner is a store that can say cheaply whether a guild's pins changed:
// the token differs after any add, edit, removal or import (not after a
// use). The answer service rebuilds its pin matcher only then, so a
// question costs the same however many pins the server has.
type Versioner interface {
	PinsVersion(ctx context.Context, guildID string) (string, error)
}

type Store interface {
	// Add validates and stores a new pin, giving it the guild's next id
	// ("p1", "p2", …); PinnedAt defaults to now. A guild with MaxPins
	// pins gets ErrTooManyPins.
	Add(ctx context.Context, p Pin) (Pin, error)
	Get(ctx context.Context, guildID, id string) (Pin, error)
	// Update changes a pin atomically; fn's result is validated and a
	// refused change leaves the pin as it was.
	Update(ctx context.Context, guildID, id string, fn func(*Pin) error) (Pin, error)
	// Remove deletes a pin and returns what it was.
	Remove(ctx context.Context, guildID, id string) (Pin, error)
	// List returns a guild's pins, oldest first; never nil.
	List(ctx context.Context, guildID string) ([]Pin, error)
	// Used counts one more use of a pin.
	Used(ctx context.Context, guildID, id string) error
	// Export returns the pins of one guild, or of all when guildID is "".
	// Records that cannot be read are left out and named in a
	// *SkippedError returned together with everything else.
	Export(ctx context.Context, guildID string) ([]Pin, error)
	// Import stores pins keeping their ids, replacing a pin with the same
	// guild and id, all or nothing; later Adds never reuse an imported id.
	// An import that would leave a guild with more than MaxPins is
	// refused whole.
	Import(ctx context.Context, ps []Pin) (int, error)
	// Vote records a user's vote on the answer to a question, replacing
	// their earlier one, and returns the totals. Questions compare as
	// QuestionKey does; user ids are not kept in the clear.
	Vote(ctx context.Context, guildID, question, userID string, helpful bool) (up, down int, err error)
	Votes(ctx context.Context, guildID, question string) (up, down int, err error)
	// Enqueue counts a question on the entry with the same text (any
	// case), else on q.Rewords, else on a new entry ("q1", …), once per
	// q.User per entry. A new entry in a queue of MaxQueue first evicts
	// the least asked entry, the oldest (by last asking) among equals.
	// Its cost must not grow with the queue: no scan of the queue.
	Enqueue(ctx context.Context, guildID string, q Queued) (Entry, error)
	// Queue returns up to n entries (all when n <= 0), most asked first,
	// then most recently asked.
	Queue(ctx context.Context, guildID string, n int) ([]Entry, error)
	QueueEntry(ctx context.Context, guildID, id string) (Entry, error)
	// Dismiss removes an entry from the queue.
	Dismiss(ctx context.Context, guildID, id string) error
}

// Normalize validates and bounds a pin's text fields.
func (p *Pin) Normalize() error {
	var qs []string
	seen := map[string]bool{}
	for _, q := range p.Questions {
		q = clean(q)
		if q == "" || seen[strings.ToLower(q)] {
			continue
		}
		if utf8.RuneCountInString(q) > MaxQuestionLen {
			return invalidCode(InvalidQuestionTooLong, "a question is longer than %d characters", MaxQuestionLen)
		}
		seen[strings.ToLower(q)] = true
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return invalidCode(InvalidNoQuestion, "a pin needs at least one question")
	}
	if len(qs) > MaxQuestions {
		return invalidCode(InvalidTooManyQuestions, "at most %d questions per pin", MaxQuestions)
	}
	p.Questions = qs
	p.Answer = strings.TrimSpace(strings.ToValidUTF8(p.Answer, ""))
	if p.Answer == "" {
		return invalidCode(InvalidEmptyAnswer, "the answer is empty")
	}
	if utf8.RuneCountInString(p.Answer) > MaxAnswerLen {
		return invalidCode(InvalidAnswerTooLong, "the answer is longer than %d characters", MaxAnswerLen)
	}
	if len(p.Citations) > MaxCitations {
		p.Citations = p.Citations[:MaxCitations]
	}
	if p.Guild == "" {
		return invalid("no guild")
	}
	return nil
}

// CheckImportID refuses an imported pin id that Add could not have made:
// only the canonical form ("p5", not "p05" or "p+5", which would be three
// pins with one number) and at most nine digits, so an import cannot push
// the guild's sequence to its end.
func CheckImportID(id string) error {
	if !canonicalID.MatchString(id) || PinNumber(id) > maxPinNumber {
		return invalid("id %q is not like p12 (p, then 1 to 9 digits, no leading zero)", printable(id))
	}
	return nil
}

// clean makes a question one line of valid text.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// PinNumber is the sequence number in a pin id ("p12" → 12), 0 if none.
func PinNumber(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "p"))
	return n
}

// SortPins orders pins oldest first, as List returns them.
func SortPins(ps []Pin) {
	sort.Slice(ps, func(i, j int) bool { return PinNumber(ps[i].ID) < PinNumber(ps[j].ID) })
}

// QuestionKey identifies a question for votes: case and spacing ignored,
// bounded so keys stay small.
func QuestionKey(q string) string {
	k := strings.ToLower(clean(q))
	if len(k) > 200 {
		sum := sha256.Sum256([]byte(k))
		k = k[:150] + "#" + hex.EncodeToString(sum[:8])
	}
	return k
}

// Normalize cleans and bounds the question; an empty one is ErrInvalid.
func (q *Queued) Normalize() error {
	q.Question = clean(q.Question)
	if utf8.RuneCountInString(q.Question) > MaxQuestionLen {
		q.Question = string([]rune(q.Question)[:MaxQuestionLen])
	}
	if q.Question == "" {
		return invalid("empty question")
	}
	return nil
}

// NewEntry is the entry a first asking of q starts, with the given id.
func NewEntry(id string, q Queued) Entry {
	return Entry{ID: id, Question: q.Question, Reason: q.Reason, FirstAsked: q.At}
}

// Asked adds one asking to the entry: its wording joins the variants, and
// a not-helpful vote outweighs an earlier no-answer.
func (e *Entry) Asked(q Queued) {
	if !strings.EqualFold(e.Question, q.Question) && len(e.Variants) < maxVariants && !containsFold(e.Variants, q.Question) {
		e.Variants = append(e.Variants, q.Question)
	}
	e.Count++
	e.LastAsked = q.At
	if q.Reason == ReasonNotHelpful {
		e.Reason = q.Reason
	}
}

// Again is a further asking by someone the entry has already counted: it
// changes nothing but the reason (a not-helpful vote still outweighs a
// no-answer), so one member cannot push an entry up the queue.
func (e *Entry) Again(q Queued) {
	if q.Reason == ReasonNotHelpful {
		e.Reason = q.Reason
	}
}

// Fold is how the queue compares questions for "the same text": case
// ignored (Go's lowering, so it does not depend on a database collation).
func Fold(question string) string { return strings.ToLower(question) }

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// SortQueue orders entries most asked first, then most recent, and keeps
// at most n (all when n <= 0).
func SortQueue(out []Entry, n int) []Entry {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].LastAsked.After(out[j].LastAsked)
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
