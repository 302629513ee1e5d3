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
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"ordinancebot/pins"
)

// Store is the database.
type Store struct {
	db   *bolt.DB
	salt []byte
	path string
	log  *slog.Logger
	// file is our own handle on the inode bbolt mapped: its size only
	// grows, so a smaller one means the file was truncated underneath us,
	// and a different inode at path means it was replaced.
	file     *os.File
	size     atomic.Int64
	reported atomic.Bool
	// tmp is a snapshot file this store reads, removed on Close.
	tmp string
	// gen counts pin writes: only one process can write a bbolt file, so
	// an in-memory counter is a complete version (pins.Versioner).
	gen atomic.Uint64
}

// PinsVersion changes whenever this store has written pins.
func (s *Store) PinsVersion(context.Context, string) (string, error) {
	return strconv.FormatUint(s.gen.Load(), 10), nil
}

var _ pins.Store = (*Store)(nil)

var (
	bucketMeta   = []byte("meta")
	bucketGuilds = []byte("guilds")
	bucketPins   = []byte("pins")
	bucketVotes  = []byte("votes")
	bucketQueue  = []byte("queue")
	// The queue's indexes, per guild, so Enqueue never scans the queue
	// inside its write transaction (it did: ~100 ms at 5,000 entries,
	// holding the lock votes and pins need): Fold(question) → entry id;
	// count|last asked|id → nothing, least asked and oldest first, for
	// eviction; entry id NUL user key → nothing, who has been counted.
	bucketQueueFold  = []byte("queue-fold")
	bucketQueueOrder = []byte("queue-order")
	bucketQueueUsers = []byte("queue-users")
	keySalt          = []byte("salt")
)

// ErrLocked is a database another process holds open for writing.
var ErrLocked = errors.New("pins database is in use")

// Options tune OpenWith.
type Options struct {
	// ReadOnly opens for reading (export, backup): a shared lock, no
	// writes, and a missing file is an error instead of a new database.
	ReadOnly bool
	// LockTimeout is how long to wait for another process's lock
	// (default 2 s).
	LockTimeout time.Duration
	// CheckTimeout bounds the consistency check at open (default 30 s;
	// a pins database of a few MB checks in milliseconds).
	CheckTimeout time.Duration
	// Logger receives skipped records and faults (default slog.Default()).
	Logger *slog.Logger
}

// Open opens the bot's database, creating it when no file exists. A second
// process holding it gets an error after two seconds instead of waiting
// forever; a damaged file is refused (ErrDamaged), never re-created.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith opens the database at path. An existing file is checked before
// use (header, size, every page and record, bbolt's Tx.Check) and refused
// with ErrDamaged when it fails; it is never overwritten or re-created.
func OpenWith(path string, o Options) (*Store, error) {
	if o.LockTimeout <= 0 {
		o.LockTimeout = 2 * time.Second
	}
	if o.CheckTimeout <= 0 {
		o.CheckTimeout = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	exists, err := precheck(path, o.ReadOnly)
	if err != nil {
		return nil, err
	}
	var db *bolt.DB
	err = guard(func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: o.LockTimeout, ReadOnly: o.ReadOnly})
		return err
	})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		who := lockHolder(path)
		if who == "" {
			who = "another process"
		}
		return nil, fmt.Errorf("%w: %s is held by %s (the running bot?), waited %s", ErrLocked, path, who, o.LockTimeout)
	case errors.Is(err, errFault), errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, damaged(path, "cannot be read ("+err.Error()+")")
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, log: o.Logger}
	if err := s.start(exists, o); err != nil {
		if !errors.Is(err, errCheckTimeout) {
			// A check still running holds a read transaction, and Close
			// would wait for it: the caller is about to exit anyway.
			db.Close()
		}
		return nil, err
	}
	return s, nil
}

// precheck reports whether the file exists and refuses one bbolt cannot
// safely map. It never creates anything.
func precheck(path string, readOnly bool) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if readOnly {
			return false, fmt.Errorf("no pins database at %s (is DATA_DIR right?)", path)
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("open pins database: %w", err)
	}
	defer f.Close()
	return true, checkFile(path, f)
}

var errCheckTimeout = errors.New("consistency check timed out")

// start checks an existing file, sets up a new one, and reads the salt.
func (s *Store) start(exists bool, o Options) error {
	if exists {
		done := make(chan error, 1)
		go func() { done <- guard(s.verify) }()
		select {
		case err := <-done:
			if err != nil {
				return damaged(s.path, err.Error())
			}
		case <-time.After(o.CheckTimeout):
			return fmt.Errorf("%w: checking %s took longer than %s (a failing disk?); the bot did not start on it", errCheckTimeout, s.path, o.CheckTimeout)
		}
	}
	err := guard(func() error {
		if o.ReadOnly {
			return s.db.View(func(tx *bolt.Tx) error {
				if meta := tx.Bucket(bucketMeta); meta != nil {
					s.salt = bytes.Clone(meta.Get(keySalt))
				}
				return nil
			})
		}
		return s.db.Update(func(tx *bolt.Tx) error {
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
	})
	if err != nil {
		return fmt.Errorf("initialise %s: %w", s.path, err)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("stat %s: %w", s.path, err)
	}
	s.file = f
	s.size.Store(fi.Size())
	return nil
}

// verify reads every page of the file (every bucket, key and value) and
// runs bbolt's consistency check. It runs under guard, so a damaged page
// is an error here rather than a crash later; Tx.Check runs in a goroutine
// of its own, out of guard's reach, so it comes after the walk has shown
// every page readable. Undecodable records are not fatal: they are
// skipped, with a log line, wherever they are read.
func (s *Store) verify() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var walk func(b *bolt.Bucket, depth int) error
		walk = func(b *bolt.Bucket, depth int) error {
			if depth > 4 {
				return errors.New("buckets nested deeper than a pins database has")
			}
			return b.ForEach(func(k, v []byte) error {
				if v == nil {
					if c := b.Bucket(k); c != nil {
						return walk(c, depth+1)
					}
				}
				return nil
			})
		}
		if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b, 0) }); err != nil {
			return err
		}
		var errs []string
		for err := range tx.Check() {
			if len(errs) < 3 {
				errs = append(errs, err.Error())
			}
		}
		if len(errs) > 0 {
			return fmt.Errorf("fails bbolt's consistency check: %s", strings.Join(errs, "; "))
		}
		return nil
	})
}

// Close closes the database.
func (s *Store) Close() error {
	if s.file != nil {
		s.file.Close()
	}
	err := s.db.Close()
	if s.tmp != "" {
		os.Remove(s.tmp)
	}
	if err != nil {
		return fmt.Errorf("close pins database: %w", err)
	}
	return nil
}

// do runs one transaction's worth of work: refused when the file was
// truncated (or, for a write, replaced) underneath the store, and with a
// memory fault on a damaged page turned into ErrDamaged instead of a crash.
func (s *Store) do(write bool, fn func() error) error {
	if err := s.healthy(write); err != nil {
		return err
	}
	err := guard(fn)
	if errors.Is(err, errFault) {
		s.log.Error("pins database fault", "file", s.path, "err", err)
		return damaged(s.path, "could not be read")
	}
	return err
}

func (s *Store) healthy(write bool) error {
	fi, err := s.file.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", s.path, err)
	}
	if fi.Size() < s.size.Load() {
		s.report("truncated while the bot ran", "size", fi.Size(), "was", s.size.Load())
		return damaged(s.path, "was truncated while the bot ran; restart the bot once it is restored")
	}
	s.size.Store(fi.Size())
	if write {
		if cur, err := os.Stat(s.path); err != nil || !os.SameFile(cur, fi) {
			// bbolt would keep writing to the old, now unlinked file:
			// every later pin would be lost at the next restart.
			s.report("replaced or removed while the bot ran")
			return damaged(s.path, "was replaced or removed while the bot ran; nothing more is written to it until the bot restarts")
		}
	}
	return nil
}

// report logs a damaged file once, not once per refused request.
func (s *Store) report(what string, args ...any) {
	if s.reported.CompareAndSwap(false, true) {
		s.log.Error("pins database "+what, append([]any{"file", s.path}, args...)...)
	}
}

// skip logs a record that cannot be decoded, naming it, and returns its name.
func (s *Store) skip(guildID string, bucket, key []byte, err error) string {
	name := fmt.Sprintf("guild %s %s %q", guildID, bucket, key)
	s.log.Error("skipped damaged record", "file", s.path, "record", name, "err", err)
	return name
}

// guild returns the guild's sub-bucket, creating it in write transactions.
func guild(tx *bolt.Tx, id, name []byte) (*bolt.Bucket, error) {
	root := tx.Bucket(bucketGuilds)
	if !tx.Writable() {
		if root == nil {
			return nil, nil
		}
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

func (s *Store) view(fn func(*bolt.Tx) error) error {
	return s.do(false, func() error { return s.db.View(fn) })
}

func (s *Store) update(fn func(*bolt.Tx) error) error {
	return s.do(true, func() error { return s.db.Update(fn) })
}

// Add stores a new pin and returns it with its id ("p1", "p2", … per guild).
func (s *Store) Add(_ context.Context, p pins.Pin) (pins.Pin, error) {
	if err := p.Normalize(); err != nil {
		return pins.Pin{}, err
	}
	if p.PinnedAt.IsZero() {
		p.PinnedAt = time.Now().UTC()
	}
	err := s.update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(p.Guild), bucketPins)
		if err != nil {
			return err
		}
		if countKeys(b, pins.MaxPins) >= pins.MaxPins {
			return pins.ErrTooManyPins
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		p.ID = "p" + strconv.FormatUint(seq, 10)
		return putJSON(b, p.ID, p)
	})
	if errors.Is(err, pins.ErrTooManyPins) {
		return pins.Pin{}, err
	}
	if err != nil {
		return pins.Pin{}, fmt.Errorf("save pin: %w", err)
	}
	s.gen.Add(1)
	return p, nil
}

// countKeys counts a bucket's keys, stopping at limit: a walk of at most
// MaxPins keys in memory-mapped pages, with nothing decoded.
func countKeys(b *bolt.Bucket, limit int) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil && n < limit; k, _ = c.Next() {
		n++
	}
	return n
}

// Get returns one pin.
func (s *Store) Get(_ context.Context, guildID, id string) (pins.Pin, error) {
	var p pins.Pin
	err := s.read(guildID, bucketPins, id, &p)
	return p, err
}

// read decodes one record of a guild's bucket.
func (s *Store) read(guildID string, bucket []byte, id string, v any) error {
	return s.view(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucket)
		if b == nil {
			return pins.ErrNotFound
		}
		return s.getJSON(b, guildID, bucket, id, v)
	})
}

// Update changes a pin inside one transaction.
func (s *Store) Update(_ context.Context, guildID, id string, fn func(*pins.Pin) error) (pins.Pin, error) {
	p, err := s.change(guildID, id, fn)
	if err == nil {
		s.gen.Add(1)
	}
	return p, err
}

// change is Update without moving the pins version, for a use count.
func (s *Store) change(guildID, id string, fn func(*pins.Pin) error) (pins.Pin, error) {
	var p pins.Pin
	err := s.update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketPins)
		if err != nil {
			return err
		}
		if err := s.getJSON(b, guildID, bucketPins, id, &p); err != nil {
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

// Remove deletes a pin and returns what it was. A damaged record can be
// removed too: that is how a moderator gets rid of it.
func (s *Store) Remove(_ context.Context, guildID, id string) (pins.Pin, error) {
	var p pins.Pin
	err := s.update(func(tx *bolt.Tx) error {
		b, err := guild(tx, []byte(guildID), bucketPins)
		if err != nil {
			return err
		}
		if err := s.getJSON(b, guildID, bucketPins, id, &p); err != nil && !errors.Is(err, ErrDamaged) {
			return err
		}
		return b.Delete([]byte(id))
	})
	if err == nil {
		s.gen.Add(1)
	}
	return p, err
}

// List returns a guild's pins, oldest first. A record that cannot be
// decoded is skipped (and logged), so one bad pin does not take the
// guild's others with it.
func (s *Store) List(_ context.Context, guildID string) ([]pins.Pin, error) {
	out, _, err := s.list(guildID)
	return out, err
}

func (s *Store) list(guildID string) ([]pins.Pin, []string, error) {
	out := []pins.Pin{}
	var skipped []string
	err := s.view(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucketPins)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var p pins.Pin
			if err := decodePin(v, guildID, k, &p); err != nil {
				skipped = append(skipped, s.skip(guildID, bucketPins, k, err))
				return nil
			}
			out = append(out, p)
			return nil
		})
	})
	pins.SortPins(out)
	return out, skipped, err
}

// decodePin decodes a stored pin and checks it is the one its key says:
// a flipped bit that leaves the JSON valid can still change its guild.
func decodePin(v []byte, guildID string, key []byte, p *pins.Pin) error {
	if err := json.Unmarshal(v, p); err != nil {
		return err
	}
	if p.ID != string(key) || p.Guild != guildID {
		return fmt.Errorf("record says guild %q id %q", p.Guild, p.ID)
	}
	return nil
}

// Used counts one more use of a pin.
func (s *Store) Used(ctx context.Context, guildID, id string) error {
	_, err := s.change(guildID, id, func(p *pins.Pin) error { p.Uses++; return nil })
	return err
}

// Export returns every pin of one guild, or of all guilds when guildID is
// "". Records that cannot be read are left out and named in a
// *pins.SkippedError returned with the rest.
func (s *Store) Export(_ context.Context, guildID string) ([]pins.Pin, error) {
	ids := []string{guildID}
	if guildID == "" {
		ids = nil
		err := s.view(func(tx *bolt.Tx) error {
			root := tx.Bucket(bucketGuilds)
			if root == nil {
				return nil
			}
			return root.ForEach(func(k, _ []byte) error {
				ids = append(ids, string(k))
				return nil
			})
		})
		if err != nil {
			return nil, err
		}
	}
	out := []pins.Pin{}
	var skipped []string
	for _, id := range ids {
		ps, sk, err := s.list(id)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
		skipped = append(skipped, sk...)
	}
	if len(skipped) > 0 {
		return out, &pins.SkippedError{Records: skipped}
	}
	return out, nil
}

// Import stores pins, keeping their ids: an existing pin with the same
// guild and id is replaced. All of them are written in one transaction, so
// a bad pin leaves the database as it was.
func (s *Store) Import(_ context.Context, ps []pins.Pin) (int, error) {
	err := s.update(func(tx *bolt.Tx) error {
		touched := map[string]*bolt.Bucket{}
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
			touched[p.Guild] = b
		}
		for g, b := range touched {
			if countKeys(b, pins.MaxPins+1) > pins.MaxPins {
				return fmt.Errorf("guild %s would have more than %d pins: %w", g, pins.MaxPins, pins.ErrTooManyPins)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("import pins: %w", err)
	}
	s.gen.Add(1)
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
	err = s.update(func(tx *bolt.Tx) error {
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
	err = s.view(func(tx *bolt.Tx) error {
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

// queueBuckets are one guild's queue and its indexes.
type queueBuckets struct{ entries, fold, order, users *bolt.Bucket }

// queueOf opens a guild's queue in a write transaction, building its
// indexes once for a queue written before they existed.
func (s *Store) queueOf(tx *bolt.Tx, guildID string) (queueBuckets, error) {
	var q queueBuckets
	var err error
	if q.entries, err = guild(tx, []byte(guildID), bucketQueue); err != nil {
		return q, err
	}
	g := tx.Bucket(bucketGuilds).Bucket([]byte(guildID))
	fresh := g.Bucket(bucketQueueFold) == nil
	if q.fold, err = g.CreateBucketIfNotExists(bucketQueueFold); err != nil {
		return q, err
	}
	if q.order, err = g.CreateBucketIfNotExists(bucketQueueOrder); err != nil {
		return q, err
	}
	if q.users, err = g.CreateBucketIfNotExists(bucketQueueUsers); err != nil {
		return q, err
	}
	if fresh {
		// The one scan, once per guild: a database from before the
		// indexes. Oldest entries first, so the fold index keeps the
		// entry a same-text question was counted on before.
		var all []pins.Entry
		err := q.entries.ForEach(func(k, v []byte) error {
			var e pins.Entry
			if err := json.Unmarshal(v, &e); err != nil {
				s.skip(guildID, bucketQueue, k, err)
				return nil
			}
			all = append(all, e)
			return nil
		})
		if err != nil {
			return q, err
		}
		sort.Slice(all, func(i, j int) bool { return entryNum(all[i].ID) > entryNum(all[j].ID) })
		for _, e := range all {
			if err := q.index(e); err != nil {
				return q, err
			}
		}
	}
	return q, nil
}

func entryNum(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "q"))
	return n
}

// orderKey sorts entries least asked first, then oldest last asking.
func orderKey(e pins.Entry) []byte {
	k := make([]byte, 16, 16+len(e.ID))
	binary.BigEndian.PutUint64(k, uint64(max(e.Count, 0)))
	binary.BigEndian.PutUint64(k[8:], uint64(e.LastAsked.UnixNano()))
	return append(k, e.ID...)
}

// index records an entry in the fold and order indexes.
func (q queueBuckets) index(e pins.Entry) error {
	if err := q.fold.Put([]byte(pins.Fold(e.Question)), []byte(e.ID)); err != nil {
		return err
	}
	return q.order.Put(orderKey(e), nil)
}

// remove deletes an entry and everything the indexes hold of it.
func (q queueBuckets) remove(e pins.Entry, id string) error {
	if err := q.entries.Delete([]byte(id)); err != nil {
		return err
	}
	if e.ID != "" {
		if got := q.fold.Get([]byte(pins.Fold(e.Question))); string(got) == id {
			if err := q.fold.Delete([]byte(pins.Fold(e.Question))); err != nil {
				return err
			}
		}
		if err := q.order.Delete(orderKey(e)); err != nil {
			return err
		}
	}
	prefix := []byte(id + "\x00")
	c := q.users.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := q.users.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Enqueue adds a question to the unanswered queue, or counts it again on
// the entry with the same text or the one it rewords, once per user. Every
// step is an index lookup: its cost does not grow with the queue.
func (s *Store) Enqueue(_ context.Context, guildID string, q pins.Queued) (pins.Entry, error) {
	if err := q.Normalize(); err != nil {
		return pins.Entry{}, err
	}
	var e pins.Entry
	err := s.update(func(tx *bolt.Tx) error {
		qb, err := s.queueOf(tx, guildID)
		if err != nil {
			return err
		}
		found := false
		for _, id := range []string{string(qb.fold.Get([]byte(pins.Fold(q.Question)))), q.Rewords} {
			if id == "" || found {
				continue
			}
			switch err := s.getJSON(qb.entries, guildID, bucketQueue, id, &e); {
			case err == nil:
				found = true
			case errors.Is(err, pins.ErrNotFound), errors.Is(err, ErrDamaged): // dismissed or evicted meanwhile, or unreadable
			default:
				return err
			}
		}
		if found {
			if err := qb.order.Delete(orderKey(e)); err != nil {
				return err
			}
		} else {
			if err := s.makeRoom(qb, guildID); err != nil {
				return err
			}
			seq, err := qb.entries.NextSequence()
			if err != nil {
				return err
			}
			e = pins.NewEntry("q"+strconv.FormatUint(seq, 10), q)
		}
		counted := false
		if q.User != "" {
			key := []byte(e.ID + "\x00" + s.UserKey(q.User))
			counted = qb.users.Get(key) != nil
			if err := qb.users.Put(key, nil); err != nil {
				return err
			}
		}
		if counted {
			e.Again(q)
		} else {
			e.Asked(q)
		}
		if !found {
			// A new entry's own wording becomes its fold key; a rewording
			// counted on an entry does not take the key from it.
			if err := qb.fold.Put([]byte(pins.Fold(e.Question)), []byte(e.ID)); err != nil {
				return err
			}
		}
		if err := qb.order.Put(orderKey(e), nil); err != nil {
			return err
		}
		return putJSON(qb.entries, e.ID, e)
	})
	return e, err
}

// makeRoom evicts the least asked, oldest entries so a new one fits in
// pins.MaxQueue. Counting walks the order index's keys (at most MaxQueue
// of them, nothing decoded; a cursor, since Bucket.Stats does not see this
// transaction's own changes); the victims are the index's first keys.
func (s *Store) makeRoom(qb queueBuckets, guildID string) error {
	over := countKeys(qb.order, pins.MaxQueue+1) - pins.MaxQueue + 1
	for ; over > 0; over-- {
		k, _ := qb.order.Cursor().First()
		if k == nil || len(k) < 16 {
			return nil
		}
		id := string(bytes.Clone(k[16:]))
		k = bytes.Clone(k)
		var e pins.Entry
		if err := s.getJSON(qb.entries, guildID, bucketQueue, id, &e); err != nil && !errors.Is(err, pins.ErrNotFound) && !errors.Is(err, ErrDamaged) {
			return err
		}
		if err := qb.order.Delete(k); err != nil {
			return err
		}
		if err := qb.remove(e, id); err != nil {
			return err
		}
	}
	return nil
}

// Queue returns up to n entries, most asked first, then most recent.
func (s *Store) Queue(_ context.Context, guildID string, n int) ([]pins.Entry, error) {
	var out []pins.Entry
	err := s.view(func(tx *bolt.Tx) error {
		b, _ := guild(tx, []byte(guildID), bucketQueue)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var e pins.Entry
			if err := json.Unmarshal(v, &e); err != nil {
				s.skip(guildID, bucketQueue, k, err)
				return nil
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
	return s.update(func(tx *bolt.Tx) error {
		qb, err := s.queueOf(tx, guildID)
		if err != nil {
			return err
		}
		if qb.entries.Get([]byte(id)) == nil {
			return pins.ErrNotFound
		}
		var e pins.Entry
		if err := s.getJSON(qb.entries, guildID, bucketQueue, id, &e); err != nil && !errors.Is(err, ErrDamaged) {
			return err
		}
		return qb.remove(e, id)
	})
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

// getJSON decodes one record; one that cannot be decoded is ErrDamaged,
// logged with its name.
func (s *Store) getJSON(b *bolt.Bucket, guildID string, bucket []byte, key string, v any) error {
	data := b.Get([]byte(key))
	if data == nil {
		return pins.ErrNotFound
	}
	err := json.Unmarshal(data, v)
	if p, ok := v.(*pins.Pin); ok && err == nil {
		err = decodePin(data, guildID, []byte(key), p)
	}
	if err != nil {
		return fmt.Errorf("%w: %s", ErrDamaged, s.skip(guildID, bucket, []byte(key), err))
	}
	return nil
}
