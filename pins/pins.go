// Package pins stores what a server's moderators curate: pinned answers,
// votes on answers, and the queue of questions the bot could not answer.
// Everything is per guild, in one bbolt file under DATA_DIR; every write is
// a committed (fsynced) transaction before it returns, so an acknowledged
// pin survives a crash.
package pins

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Limits on what moderators store, so one pin always fits a Discord embed.
const (
	MaxQuestions   = 10
	MaxQuestionLen = 300
	MaxAnswerLen   = 3500
	MaxCitations   = 10
	maxVariants    = 5
)

var (
	// ErrNotFound is returned for an unknown pin or queue entry.
	ErrNotFound = errors.New("not found")
	// ErrInvalid wraps a refused pin (empty question or answer, too long).
	ErrInvalid = errors.New("invalid")
)

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

// Store is the database.
type Store struct {
	db   *bolt.DB
	salt []byte
}

var (
	bucketMeta   = []byte("meta")
	bucketGuilds = []byte("guilds")
	bucketPins   = []byte("pins")
	bucketVotes  = []byte("votes")
	bucketQueue  = []byte("queue")
	keySalt      = []byte("salt")
)

// Open opens (or creates) the database file. A second process holding it
// gets an error after two seconds instead of waiting forever.
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if _, err := tx.CreateBucketIfNotExists(bucketGuilds); err != nil {
			return err
		}
		if salt := meta.Get(keySalt); salt != nil {
			s.salt = bytes.Clone(salt)
			return nil
		}
		s.salt = make([]byte, 32)
		if _, err := rand.Read(s.salt); err != nil {
			return err
		}
		return meta.Put(keySalt, s.salt)
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("initialise %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close pins database: %w", err)
	}
	return nil
}

// guild returns the guild's sub-bucket, creating it in write transactions.
func guild(tx *bolt.Tx, id, name []byte) (*bolt.Bucket, error) {
	root := tx.Bucket(bucketGuilds)
	if !tx.Writable() {
		g := root.Bucket(id)
		if g == nil {
			return nil, nil
		}
		return g.Bucket(name), nil
	}
	g, err := root.CreateBucketIfNotExists(id)
	if err != nil {
		return nil, err
	}
	return g.CreateBucketIfNotExists(name)
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
			return fmt.Errorf("%w: a question is longer than %d characters", ErrInvalid, MaxQuestionLen)
		}
		seen[strings.ToLower(q)] = true
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return fmt.Errorf("%w: a pin needs at least one question", ErrInvalid)
	}
	if len(qs) > MaxQuestions {
		return fmt.Errorf("%w: at most %d questions per pin", ErrInvalid, MaxQuestions)
	}
	p.Questions = qs
	p.Answer = strings.TrimSpace(strings.ToValidUTF8(p.Answer, ""))
	if p.Answer == "" {
		return fmt.Errorf("%w: the answer is empty", ErrInvalid)
	}
	if utf8.RuneCountInString(p.Answer) > MaxAnswerLen {
		return fmt.Errorf("%w: the answer is longer than %d characters", ErrInvalid, MaxAnswerLen)
	}
	if len(p.Citations) > MaxCitations {
		p.Citations = p.Citations[:MaxCitations]
	}
	if p.Guild == "" {
		return fmt.Errorf("%w: no guild", ErrInvalid)
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

// Add stores a new pin and returns it with its id ("p1", "p2", … per guild).
func (s *Store) Add(p Pin) (Pin, error) {
	if err := p.Normalize(); err != nil {
		return Pin{}, err
	}
	if p.PinnedAt.IsZero() {
		p.PinnedAt = time.Now().UTC()
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(p.Guild), bucketPins)
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		p.ID = "p" + strconv.FormatUint(seq, 10)
		return putJSON(b, p.ID, p)
	})
	if err != nil {
		return Pin{}, fmt.Errorf("save pin: %w", err)
	}
	return p, nil
}

// Get returns one pin.
func (s *Store) Get(guildID, id string) (Pin, error) {
	var p Pin
	err := s.read(guildID, bucketPins, id, &p)
	return p, err
}

// read decodes one record of a guild's bucket.
func (s *Store) read(guildID string, bucket []byte, id string, v any) error {
	return s.db.View(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucket)
		if b == nil {
			return ErrNotFound
		}
		return getJSON(b, id, v)
	})
}

// Update changes a pin inside one transaction.
func (s *Store) Update(guildID, id string, fn func(*Pin) error) (Pin, error) {
	var p Pin
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketPins)
		if err != nil {
			return err
		}
		if err := getJSON(b, id, &p); err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
		if err := p.Normalize(); err != nil {
			return err
		}
		return putJSON(b, id, p)
	})
	if err != nil {
		return Pin{}, err
	}
	return p, nil
}

// Remove deletes a pin and returns what it was.
func (s *Store) Remove(guildID, id string) (Pin, error) {
	var p Pin
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketPins)
		if err != nil {
			return err
		}
		if err := getJSON(b, id, &p); err != nil {
			return err
		}
		return b.Delete([]byte(id))
	})
	return p, err
}

// List returns a guild's pins, oldest first.
func (s *Store) List(guildID string) ([]Pin, error) {
	out := []Pin{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucketPins)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var p Pin
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("pin %s: %w", k, err)
			}
			out = append(out, p)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return pinNum(out[i].ID) < pinNum(out[j].ID) })
	return out, err
}

func pinNum(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "p"))
	return n
}

// Used counts one more use of a pin.
func (s *Store) Used(guildID, id string) error {
	_, err := s.Update(guildID, id, func(p *Pin) error { p.Uses++; return nil })
	return err
}

// Export returns every pin of one guild, or of all guilds when guildID is "".
func (s *Store) Export(guildID string) ([]Pin, error) {
	if guildID != "" {
		return s.List(guildID)
	}
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketGuilds).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	out := []Pin{}
	for _, id := range ids {
		ps, err := s.List(id)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

// Import stores pins, keeping their ids: an existing pin with the same
// guild and id is replaced. All of them are written in one transaction, so
// a bad pin leaves the database as it was.
func (s *Store) Import(ps []Pin) (int, error) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := range ps {
			p := ps[i]
			if err := p.Normalize(); err != nil {
				return fmt.Errorf("pin %d (%s): %w", i+1, p.ID, err)
			}
			if !strings.HasPrefix(p.ID, "p") || pinNum(p.ID) <= 0 {
				return fmt.Errorf("pin %d: %w: id %q is not like p12", i+1, ErrInvalid, p.ID)
			}
			b, err := guild(tx, []byte(p.Guild), bucketPins)
			if err != nil {
				return err
			}
			// New pins must not reuse an imported id.
			if n := uint64(pinNum(p.ID)); n > b.Sequence() {
				if err := b.SetSequence(n); err != nil {
					return err
				}
			}
			if err := putJSON(b, p.ID, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("import pins: %w", err)
	}
	return len(ps), nil
}

// UserKey is how a user is stored: an HMAC of their id with this
// database's random salt, so votes are one per user without keeping ids.
func (s *Store) UserKey(userID string) string {
	m := hmac.New(sha256.New, s.salt)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Vote records one user's vote on the answer to a question, replacing an
// earlier vote of theirs. It returns the totals after the vote.
func (s *Store) Vote(guildID, question, userID string, helpful bool) (up, down int, err error) {
	qk := questionKey(question)
	prefix := []byte(qk + "\x00")
	val := []byte{0}
	if helpful {
		val[0] = 1
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketVotes)
		if err != nil {
			return err
		}
		if err := b.Put(append(bytes.Clone(prefix), s.UserKey(userID)...), val); err != nil {
			return err
		}
		up, down = countVotes(b, prefix)
		return nil
	})
	return up, down, err
}

// Votes returns the totals for a question.
func (s *Store) Votes(guildID, question string) (up, down int, err error) {
	prefix := []byte(questionKey(question) + "\x00")
	err = s.db.View(func(tx *bolt.Tx) error {
		if b, _ := guild(tx, []byte(guildID), bucketVotes); b != nil {
			up, down = countVotes(b, prefix)
		}
		return nil
	})
	return up, down, err
}

func countVotes(b *bolt.Bucket, prefix []byte) (up, down int) {
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(v) == 1 && v[0] == 1 {
			up++
		} else {
			down++
		}
	}
	return up, down
}

// questionKey identifies a question for votes: case and spacing ignored,
// bounded so keys stay small.
func questionKey(q string) string {
	k := strings.ToLower(clean(q))
	if len(k) > 200 {
		sum := sha256.Sum256([]byte(k))
		k = k[:150] + "#" + hex.EncodeToString(sum[:8])
	}
	return k
}

// Same decides whether two questions are the same in other words.
type Same func(a, b string) bool

// Enqueue adds a question to the unanswered queue, or counts it again on
// the entry whose question it rewords.
func (s *Store) Enqueue(guildID, question, reason string, now time.Time, same Same) (Entry, error) {
	question = clean(question)
	if utf8.RuneCountInString(question) > MaxQuestionLen {
		question = string([]rune(question)[:MaxQuestionLen])
	}
	if question == "" {
		return Entry{}, fmt.Errorf("%w: empty question", ErrInvalid)
	}
	var e Entry
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketQueue)
		if err != nil {
			return err
		}
		found := false
		err = b.ForEach(func(k, v []byte) error {
			if found {
				return nil
			}
			var cur Entry
			if err := json.Unmarshal(v, &cur); err != nil {
				return err
			}
			if strings.EqualFold(cur.Question, question) || same != nil && same(cur.Question, question) {
				e, found = cur, true
			}
			return nil
		})
		if err != nil {
			return err
		}
		if !found {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			e = Entry{ID: "q" + strconv.FormatUint(seq, 10), Question: question, Reason: reason, FirstAsked: now}
		} else if !strings.EqualFold(e.Question, question) && len(e.Variants) < maxVariants && !containsFold(e.Variants, question) {
			e.Variants = append(e.Variants, question)
		}
		e.Count++
		e.LastAsked = now
		if reason == ReasonNotHelpful {
			e.Reason = reason
		}
		return putJSON(b, e.ID, e)
	})
	return e, err
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Queue returns up to n entries, most asked first, then most recent.
func (s *Store) Queue(guildID string, n int) ([]Entry, error) {
	var out []Entry
	err := s.db.View(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucketQueue)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].LastAsked.After(out[j].LastAsked)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, err
}

// QueueEntry returns one entry.
func (s *Store) QueueEntry(guildID, id string) (Entry, error) {
	var e Entry
	err := s.read(guildID, bucketQueue, id, &e)
	return e, err
}

// Dismiss removes an entry from the queue.
func (s *Store) Dismiss(guildID, id string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketQueue)
		if err != nil {
			return err
		}
		if b.Get([]byte(id)) == nil {
			return ErrNotFound
		}
		return b.Delete([]byte(id))
	})
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

func getJSON(b *bolt.Bucket, key string, v any) error {
	data := b.Get([]byte(key))
	if data == nil {
		return ErrNotFound
	}
	return json.Unmarshal(data, v)
}
