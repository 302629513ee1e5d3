// Package boltstore is the pins.Store in one bbolt file under DATA_DIR.
// Every write is a committed (fsynced) transaction before it returns, so an
// acknowledged pin survives a crash.
package boltstore

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"ordinancebot/pins"
)

// Store is the database.
type Store struct {
	db   *bolt.DB
	salt []byte
}

var _ pins.Store = (*Store)(nil)

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

// Add stores a new pin and returns it with its id ("p1", "p2", … per guild).
func (s *Store) Add(_ context.Context, p pins.Pin) (pins.Pin, error) {
	if err := p.Normalize(); err != nil {
		return pins.Pin{}, err
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
		return pins.Pin{}, fmt.Errorf("save pin: %w", err)
	}
	return p, nil
}

// Get returns one pin.
func (s *Store) Get(_ context.Context, guildID, id string) (pins.Pin, error) {
	var p pins.Pin
	err := s.read(guildID, bucketPins, id, &p)
	return p, err
}

// read decodes one record of a guild's bucket.
func (s *Store) read(guildID string, bucket []byte, id string, v any) error {
	return s.db.View(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucket)
		if b == nil {
			return pins.ErrNotFound
		}
		return getJSON(b, id, v)
	})
}

// Update changes a pin inside one transaction.
func (s *Store) Update(_ context.Context, guildID, id string, fn func(*pins.Pin) error) (pins.Pin, error) {
	var p pins.Pin
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
		return pins.Pin{}, err
	}
	return p, nil
}

// Remove deletes a pin and returns what it was.
func (s *Store) Remove(_ context.Context, guildID, id string) (pins.Pin, error) {
	var p pins.Pin
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
func (s *Store) List(_ context.Context, guildID string) ([]pins.Pin, error) {
	out := []pins.Pin{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucketPins)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var p pins.Pin
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("pin %s: %w", k, err)
			}
			out = append(out, p)
			return nil
		})
	})
	pins.SortPins(out)
	return out, err
}

// Used counts one more use of a pin.
func (s *Store) Used(ctx context.Context, guildID, id string) error {
	_, err := s.Update(ctx, guildID, id, func(p *pins.Pin) error { p.Uses++; return nil })
	return err
}

// Export returns every pin of one guild, or of all guilds when guildID is "".
func (s *Store) Export(ctx context.Context, guildID string) ([]pins.Pin, error) {
	if guildID != "" {
		return s.List(ctx, guildID)
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
	out := []pins.Pin{}
	for _, id := range ids {
		ps, err := s.List(ctx, id)
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
func (s *Store) Import(_ context.Context, ps []pins.Pin) (int, error) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := range ps {
			p := ps[i]
			if err := p.Normalize(); err != nil {
				return fmt.Errorf("pin %d (%s): %w", i+1, p.ID, err)
			}
			if err := pins.CheckImportID(p.ID); err != nil {
				return fmt.Errorf("pin %d: %w", i+1, err)
			}
			b, err := guild(tx, []byte(p.Guild), bucketPins)
			if err != nil {
				return err
			}
			// New pins must not reuse an imported id.
			if n := uint64(pins.PinNumber(p.ID)); n > b.Sequence() {
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
func (s *Store) Vote(_ context.Context, guildID, question, userID string, helpful bool) (up, down int, err error) {
	prefix := []byte(pins.QuestionKey(question) + "\x00")
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
func (s *Store) Votes(_ context.Context, guildID, question string) (up, down int, err error) {
	prefix := []byte(pins.QuestionKey(question) + "\x00")
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

// Enqueue adds a question to the unanswered queue, or counts it again on
// the entry with the same text or the one it rewords.
func (s *Store) Enqueue(_ context.Context, guildID string, q pins.Queued) (pins.Entry, error) {
	if err := q.Normalize(); err != nil {
		return pins.Entry{}, err
	}
	var e pins.Entry
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
			var cur pins.Entry
			if err := json.Unmarshal(v, &cur); err != nil {
				return err
			}
			if strings.EqualFold(cur.Question, q.Question) {
				e, found = cur, true
			}
			return nil
		})
		if err != nil {
			return err
		}
		if !found && q.Rewords != "" {
			switch err := getJSON(b, q.Rewords, &e); err {
			case nil:
				found = true
			case pins.ErrNotFound: // dismissed meanwhile: a new entry
			default:
				return err
			}
		}
		if !found {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			e = pins.NewEntry("q"+strconv.FormatUint(seq, 10), q)
		}
		e.Asked(q)
		return putJSON(b, e.ID, e)
	})
	return e, err
}

// Queue returns up to n entries, most asked first, then most recent.
func (s *Store) Queue(_ context.Context, guildID string, n int) ([]pins.Entry, error) {
	var out []pins.Entry
	err := s.db.View(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucketQueue)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var e pins.Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	return pins.SortQueue(out, n), err
}

// QueueEntry returns one entry.
func (s *Store) QueueEntry(_ context.Context, guildID, id string) (pins.Entry, error) {
	var e pins.Entry
	err := s.read(guildID, bucketQueue, id, &e)
	return e, err
}

// Dismiss removes an entry from the queue.
func (s *Store) Dismiss(_ context.Context, guildID, id string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketQueue)
		if err != nil {
			return err
		}
		if b.Get([]byte(id)) == nil {
			return pins.ErrNotFound
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
		return pins.ErrNotFound
	}
	return json.Unmarshal(data, v)
}
