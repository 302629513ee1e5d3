// Package pgstore is the pins.Store in PostgreSQL, for running several
// replicas of the bot that must see the same pins, votes and queue at once.
//
// Every write is one committed transaction (most are one statement, so one
// round trip) before it returns: an acknowledged pin survives a crash of
// the bot and is visible to every replica. The schema is created and
// migrated by Open from the SQL files embedded in the binary, under an
// advisory lock, so replicas starting together are safe.
package pgstore

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"ordinancebot/pins"
)

// Store is a pool of connections to one database.
type Store struct {
	pool    *pgxpool.Pool
	salt    []byte
	timeout time.Duration

	sweepMu   sync.Mutex
	lastSweep time.Time
}

var _ pins.Store = (*Store)(nil)

// Options tune Open; the zero value is the default.
type Options struct {
	// OpTimeout bounds each store call, so a database that stops
	// answering turns into an error the bot can still report within
	// Discord's 3 s, not a hung interaction. Default 2.5 s.
	OpTimeout time.Duration
	// ConnectTimeout bounds each new connection (default 5 s) unless the
	// URL sets connect_timeout.
	ConnectTimeout time.Duration
	// MaxConns caps the pool (default pgx's: max(4, cores)).
	MaxConns int32
}

// Lock ids. Advisory locks are per database; these numbers only have to
// differ from other users of the same database.
const (
	migrateLock    int64 = 0x6f72646e_62746d31 // "ordnbtm1": the migration
	queueLockClass int32 = 0x6f726471          // "ordq": one guild's queue
	pinLockClass   int32 = 0x6f726470          // "ordp": one guild's pin count
)

// Open connects, migrates the schema and reads (or creates) the vote
// salt. rawURL is a postgres:// URL; errors never repeat its password.
func Open(ctx context.Context, rawURL string, opt Options) (*Store, error) {
	where := Redact(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL %s: %w", where, errors.Unwrap(err))
	}
	if opt.ConnectTimeout <= 0 {
		opt.ConnectTimeout = 5 * time.Second
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = opt.ConnectTimeout
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = opt.MaxConns
	}
	if opt.OpTimeout <= 0 {
		opt.OpTimeout = 2500 * time.Millisecond
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	s := &Store{pool: pool, timeout: opt.OpTimeout}
	pctx, cancel := context.WithTimeout(ctx, opt.ConnectTimeout+time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("PostgreSQL at %s is not reachable: %w", where, err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	if s.salt, err = loadSalt(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	return s, nil
}

// Close closes every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Redact is a database URL fit for a log line or an error: no password
// (user names, hosts and database names help operators and stay).
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" {
		// Not a URL we can take apart safely: say nothing of it.
		return "(unparsable URL)"
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted() // the userinfo's password as "xxxxx"
}

// loadSalt returns the database's vote salt, creating it once: every
// replica must hash a user's id the same way, or votes would double.
func loadSalt(ctx context.Context, pool *pgxpool.Pool) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("make vote salt: %w", err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('vote_salt', $1) ON CONFLICT (key) DO NOTHING`, fresh); err != nil {
		return nil, fmt.Errorf("store vote salt: %w", err)
	}
	var salt []byte
	if err := pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'vote_salt'`).Scan(&salt); err != nil {
		return nil, fmt.Errorf("read vote salt: %w", err)
	}
	return salt, nil
}

// op bounds one store call.
func (s *Store) op(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.timeout)
}

// micro is how PostgreSQL keeps a time: UTC, to the microsecond. Stores
// return what they keep, so an Add's result equals a later Get's.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = micro(t)
	return &t
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

const pinColumns = `guild, id, questions, answer, citations, pinned_by, pinned_at, edited_by, edited_at, message_url, uses`

func scanPin(row pgx.Row) (pins.Pin, error) {
	var p pins.Pin
	var edited *time.Time
	err := row.Scan(&p.Guild, &p.ID, &p.Questions, &p.Answer, &p.Citations, &p.PinnedBy, &p.PinnedAt, &p.EditedBy, &edited, &p.MessageURL, &p.Uses)
	if errors.Is(err, pgx.ErrNoRows) {
		return p, pins.ErrNotFound
	}
	if err != nil {
		return p, err
	}
	p.PinnedAt = p.PinnedAt.UTC()
	if edited != nil {
		p.EditedAt = edited.UTC()
	}
	if len(p.Citations) == 0 {
		p.Citations = nil
	}
	return p, nil
}

func collectPins(rows pgx.Rows) ([]pins.Pin, error) {
	defer rows.Close()
	out := []pins.Pin{}
	for rows.Next() {
		p, err := scanPin(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Add stores a new pin with the guild's next id, unless the guild has
// pins.MaxPins. The counter and the pin are one statement, so the pin
// exists exactly when its number was taken.
func (s *Store) Add(ctx context.Context, p pins.Pin) (pins.Pin, error) {
	if err := p.Normalize(); err != nil {
		return pins.Pin{}, err
	}
	if p.PinnedAt.IsZero() {
		p.PinnedAt = time.Now()
	}
	p.PinnedAt = micro(p.PinnedAt)
	ctx, cancel := s.op(ctx)
	defer cancel()
	var num int64
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		// The guild's pin lock orders this count and insert against every
		// replica's, so two Adds at 999 pins cannot both pass the cap.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, pinLockClass, p.Guild); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM pins WHERE guild = $1`, p.Guild).Scan(&n); err != nil {
			return err
		}
		if n >= pins.MaxPins {
			return pins.ErrTooManyPins
		}
		return tx.QueryRow(ctx, `
			WITH c AS (
				INSERT INTO counters (guild, kind, last) VALUES ($1, 'pin', 1)
				ON CONFLICT (guild, kind) DO UPDATE SET last = counters.last + 1
				RETURNING last)
			INSERT INTO pins (guild, id, num, questions, answer, citations, pinned_by, pinned_at, edited_by, edited_at, message_url, uses)
			SELECT $1, 'p' || c.last, c.last, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM c
			RETURNING num`,
			p.Guild, p.Questions, p.Answer, orEmpty(p.Citations), p.PinnedBy, p.PinnedAt, p.EditedBy, nullTime(p.EditedAt), p.MessageURL, p.Uses).Scan(&num)
	})
	if errors.Is(err, pins.ErrTooManyPins) {
		return pins.Pin{}, err
	}
	if err != nil {
		return pins.Pin{}, fmt.Errorf("save pin: %w", err)
	}
	p.ID = "p" + strconv.FormatInt(num, 10)
	p.EditedAt = derefTime(nullTime(p.EditedAt))
	return p, nil
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// Get returns one pin.
func (s *Store) Get(ctx context.Context, guildID, id string) (pins.Pin, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	p, err := scanPin(s.pool.QueryRow(ctx, `SELECT `+pinColumns+` FROM pins WHERE guild = $1 AND id = $2`, guildID, id))
	if err != nil && !errors.Is(err, pins.ErrNotFound) {
		return p, fmt.Errorf("read pin: %w", err)
	}
	return p, err
}

// Update changes a pin in one transaction; the row stays locked while fn
// runs, so two replicas editing the same pin do not lose either change.
func (s *Store) Update(ctx context.Context, guildID, id string, fn func(*pins.Pin) error) (pins.Pin, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	var p pins.Pin
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		var err error
		p, err = scanPin(tx.QueryRow(ctx, `SELECT `+pinColumns+` FROM pins WHERE guild = $1 AND id = $2 FOR UPDATE`, guildID, id))
		if err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
		if err := p.Normalize(); err != nil {
			return err
		}
		p.PinnedAt = micro(p.PinnedAt)
		p.EditedAt = derefTime(nullTime(p.EditedAt))
		_, err = tx.Exec(ctx, `
			UPDATE pins SET questions = $3, answer = $4, citations = $5, pinned_by = $6, pinned_at = $7,
				edited_by = $8, edited_at = $9, message_url = $10, uses = $11
			WHERE guild = $1 AND id = $2`,
			guildID, id, p.Questions, p.Answer, orEmpty(p.Citations), p.PinnedBy, p.PinnedAt, p.EditedBy, nullTime(p.EditedAt), p.MessageURL, p.Uses)
		return err
	})
	if err != nil {
		return pins.Pin{}, wrapUnlessDomain("update pin", err)
	}
	// The guild and id are the row's, whatever fn did to them.
	p.Guild, p.ID = guildID, id
	return p, nil
}

// wrapUnlessDomain adds context to an error but leaves the store's own
// refusals as they are: their text is what moderators see.
func wrapUnlessDomain(what string, err error) error {
	if errors.Is(err, pins.ErrNotFound) || errors.Is(err, pins.ErrInvalid) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Remove deletes a pin and returns what it was.
func (s *Store) Remove(ctx context.Context, guildID, id string) (pins.Pin, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	p, err := scanPin(s.pool.QueryRow(ctx, `DELETE FROM pins WHERE guild = $1 AND id = $2 RETURNING `+pinColumns, guildID, id))
	if err != nil && !errors.Is(err, pins.ErrNotFound) {
		return p, fmt.Errorf("remove pin: %w", err)
	}
	return p, err
}

// List returns a guild's pins, oldest first.
func (s *Store) List(ctx context.Context, guildID string) ([]pins.Pin, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT `+pinColumns+` FROM pins WHERE guild = $1 ORDER BY num`, guildID)
	if err != nil {
		return []pins.Pin{}, fmt.Errorf("list pins: %w", err)
	}
	ps, err := collectPins(rows)
	if err != nil {
		return []pins.Pin{}, fmt.Errorf("list pins: %w", err)
	}
	return ps, nil
}

// Used counts one more use of a pin, in the database, so uses counted by
// two replicas at once both count.
func (s *Store) Used(ctx context.Context, guildID, id string) error {
	ctx, cancel := s.op(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `UPDATE pins SET uses = uses + 1 WHERE guild = $1 AND id = $2`, guildID, id)
	if err != nil {
		return fmt.Errorf("count pin use: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return pins.ErrNotFound
	}
	return nil
}

// Export returns every pin of one guild, or of all guilds when guildID is
// "", by guild then oldest first.
func (s *Store) Export(ctx context.Context, guildID string) ([]pins.Pin, error) {
	if guildID != "" {
		return s.List(ctx, guildID)
	}
	// No op timeout: an export of every guild may be large, and it is a
	// command run by hand, not an interaction.
	rows, err := s.pool.Query(ctx, `SELECT `+pinColumns+` FROM pins ORDER BY guild, num`)
	if err != nil {
		return nil, fmt.Errorf("export pins: %w", err)
	}
	ps, err := collectPins(rows)
	if err != nil {
		return nil, fmt.Errorf("export pins: %w", err)
	}
	return ps, nil
}

// Import stores pins keeping their ids, replacing any with the same guild
// and id, in one transaction: a bad pin leaves the database as it was,
// counters included.
func (s *Store) Import(ctx context.Context, ps []pins.Pin) (int, error) {
	for i := range ps {
		p := &ps[i]
		if err := p.Normalize(); err != nil {
			return 0, fmt.Errorf("import pins: pin %d (%s): %w", i+1, p.ID, err)
		}
		if err := pins.CheckImportID(p.ID); err != nil {
			return 0, fmt.Errorf("import pins: pin %d: %w", i+1, err)
		}
	}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		for _, p := range ps {
			if p.PinnedAt.IsZero() {
				p.PinnedAt = time.Now()
			}
			n := int64(pins.PinNumber(p.ID))
			// New pins must not reuse an imported id.
			if _, err := tx.Exec(ctx, `
				INSERT INTO counters (guild, kind, last) VALUES ($1, 'pin', $2)
				ON CONFLICT (guild, kind) DO UPDATE SET last = GREATEST(counters.last, excluded.last)`, p.Guild, n); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `
				INSERT INTO pins (guild, id, num, questions, answer, citations, pinned_by, pinned_at, edited_by, edited_at, message_url, uses)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
				ON CONFLICT (guild, id) DO UPDATE SET num = excluded.num, questions = excluded.questions,
					answer = excluded.answer, citations = excluded.citations, pinned_by = excluded.pinned_by,
					pinned_at = excluded.pinned_at, edited_by = excluded.edited_by, edited_at = excluded.edited_at,
					message_url = excluded.message_url, uses = excluded.uses`,
				p.Guild, p.ID, n, p.Questions, p.Answer, orEmpty(p.Citations), p.PinnedBy, micro(p.PinnedAt),
				p.EditedBy, nullTime(p.EditedAt), p.MessageURL, p.Uses); err != nil {
				return err
			}
		}
		var over string
		err := tx.QueryRow(ctx, `
			SELECT coalesce(min(guild), '') FROM (
				SELECT guild FROM pins WHERE guild = ANY($1) GROUP BY guild HAVING count(*) > $2) g`,
			importGuilds(ps), pins.MaxPins).Scan(&over)
		if err == nil && over != "" {
			err = fmt.Errorf("guild %s would have more than %d pins: %w", over, pins.MaxPins, pins.ErrTooManyPins)
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("import pins: %w", err)
	}
	return len(ps), nil
}

func importGuilds(ps []pins.Pin) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		if !seen[p.Guild] {
			seen[p.Guild] = true
			out = append(out, p.Guild)
		}
	}
	return out
}

// UserKey is how a user is stored: an HMAC of their id with the
// database's salt, so votes are one per user without keeping ids.
func (s *Store) UserKey(userID string) string {
	m := hmac.New(sha256.New, s.salt)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Vote records one user's vote, replacing an earlier one, and returns the
// totals. One statement: the upsert on the (guild, question, user) key is
// what keeps it one vote per user across replicas; the totals are the
// others' votes as committed plus this one.
func (s *Store) Vote(ctx context.Context, guildID, question, userID string, helpful bool) (up, down int, err error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	key, user := pins.QuestionKey(question), s.UserKey(userID)
	err = s.pool.QueryRow(ctx, `
		WITH v AS (
			INSERT INTO votes (guild, question, user_key, helpful) VALUES ($1, $2, $3, $4)
			ON CONFLICT (guild, question, user_key) DO UPDATE SET helpful = excluded.helpful
			RETURNING helpful)
		SELECT (SELECT count(*) FROM votes WHERE guild = $1 AND question = $2 AND user_key <> $3 AND helpful) + (SELECT count(*) FROM v WHERE helpful),
		       (SELECT count(*) FROM votes WHERE guild = $1 AND question = $2 AND user_key <> $3 AND NOT helpful) + (SELECT count(*) FROM v WHERE NOT helpful)`,
		guildID, key, user, helpful).Scan(&up, &down)
	if err != nil {
		return 0, 0, fmt.Errorf("record vote: %w", err)
	}
	return up, down, nil
}

// Votes returns the totals for a question.
func (s *Store) Votes(ctx context.Context, guildID, question string) (up, down int, err error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	err = s.pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)
		FROM votes WHERE guild = $1 AND question = $2`, guildID, pins.QuestionKey(question)).Scan(&up, &down)
	if err != nil {
		return 0, 0, fmt.Errorf("read votes: %w", err)
	}
	return up, down, nil
}

const entryColumns = `id, question, variants, count, reason, first_asked, last_asked`

func scanEntry(row pgx.Row) (pins.Entry, error) {
	var e pins.Entry
	err := row.Scan(&e.ID, &e.Question, &e.Variants, &e.Count, &e.Reason, &e.FirstAsked, &e.LastAsked)
	if errors.Is(err, pgx.ErrNoRows) {
		return e, pins.ErrNotFound
	}
	if len(e.Variants) == 0 {
		e.Variants = nil
	}
	e.FirstAsked, e.LastAsked = e.FirstAsked.UTC(), e.LastAsked.UTC()
	return e, err
}

// Enqueue counts a question on the entry with the same text, else on the
// one it rewords, else on a new entry. A transaction-scoped advisory lock
// per guild serialises this across replicas: two first askings of one
// question at once make one entry, counted twice.
func (s *Store) Enqueue(ctx context.Context, guildID string, q pins.Queued) (pins.Entry, error) {
	if err := q.Normalize(); err != nil {
		return pins.Entry{}, err
	}
	if q.At.IsZero() {
		q.At = time.Now()
	}
	q.At = micro(q.At)
	ctx, cancel := s.op(ctx)
	defer cancel()
	user := ""
	if q.User != "" {
		user = s.UserKey(q.User)
	}
	var e pins.Entry
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, queueLockClass, guildID); err != nil {
			return err
		}
		var err error
		e, err = scanEntry(tx.QueryRow(ctx, `SELECT `+entryColumns+` FROM queue WHERE guild = $1 AND fold = $2 ORDER BY first_asked, id LIMIT 1`, guildID, pins.Fold(q.Question)))
		if errors.Is(err, pins.ErrNotFound) && q.Rewords != "" {
			// A dismissed entry is gone: the question starts a new one.
			e, err = scanEntry(tx.QueryRow(ctx, `SELECT `+entryColumns+` FROM queue WHERE guild = $1 AND id = $2`, guildID, q.Rewords))
		}
		fresh := errors.Is(err, pins.ErrNotFound)
		if fresh {
			if err := makeRoom(ctx, tx, guildID); err != nil {
				return err
			}
			var n int64
			if err := tx.QueryRow(ctx, `
				INSERT INTO counters (guild, kind, last) VALUES ($1, 'queue', 1)
				ON CONFLICT (guild, kind) DO UPDATE SET last = counters.last + 1
				RETURNING last`, guildID).Scan(&n); err != nil {
				return err
			}
			e, err = pins.NewEntry("q"+strconv.FormatInt(n, 10), q), nil
		}
		if err != nil {
			return err
		}
		counted := false
		if user != "" && !fresh {
			tag, err := tx.Exec(ctx, `INSERT INTO queue_askers (guild, id, user_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, guildID, e.ID, user)
			if err != nil {
				return err
			}
			counted = tag.RowsAffected() == 0
		}
		if counted {
			e.Again(q)
		} else {
			e.Asked(q)
		}
		_, err = tx.Exec(ctx, `
			INSERT INTO queue (guild, id, question, fold, variants, count, reason, first_asked, last_asked)
			VALUES ($1, $2, $3, $9, $4, $5, $6, $7, $8)
			ON CONFLICT (guild, id) DO UPDATE SET variants = excluded.variants, count = excluded.count,
				reason = excluded.reason, last_asked = excluded.last_asked`,
			guildID, e.ID, e.Question, orEmpty(e.Variants), e.Count, e.Reason, micro(e.FirstAsked), micro(e.LastAsked), pins.Fold(e.Question))
		if err != nil {
			return err
		}
		if user != "" && fresh {
			// After the entry's row: the asker row references it.
			_, err = tx.Exec(ctx, `INSERT INTO queue_askers (guild, id, user_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, guildID, e.ID, user)
		}
		return err
	})
	if err != nil {
		return pins.Entry{}, fmt.Errorf("queue question: %w", err)
	}
	return e, nil
}

// makeRoom evicts the least asked, then oldest, entries so a new one
// fits in pins.MaxQueue. Both statements walk at most the capped queue
// through the queue_evict index; the guild's advisory lock is held.
func makeRoom(ctx context.Context, tx pgx.Tx, guildID string) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM queue WHERE guild = $1`, guildID).Scan(&n); err != nil {
		return err
	}
	if n < pins.MaxQueue {
		return nil
	}
	_, err := tx.Exec(ctx, `
		DELETE FROM queue WHERE guild = $1 AND id IN (
			SELECT id FROM queue WHERE guild = $1 ORDER BY count, last_asked, id LIMIT $2)`, guildID, n-pins.MaxQueue+1)
	return err
}

// Queue returns up to n entries (all when n <= 0), most asked first, then
// most recently asked.
func (s *Store) Queue(ctx context.Context, guildID string, n int) ([]pins.Entry, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	limit := any(nil) // LIMIT NULL is no limit
	if n > 0 {
		limit = n
	}
	rows, err := s.pool.Query(ctx, `SELECT `+entryColumns+` FROM queue WHERE guild = $1 ORDER BY count DESC, last_asked DESC, id LIMIT $2`, guildID, limit)
	if err != nil {
		return nil, fmt.Errorf("read queue: %w", err)
	}
	defer rows.Close()
	var out []pins.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("read queue: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read queue: %w", err)
	}
	return out, nil
}

// QueueEntry returns one entry.
func (s *Store) QueueEntry(ctx context.Context, guildID, id string) (pins.Entry, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	e, err := scanEntry(s.pool.QueryRow(ctx, `SELECT `+entryColumns+` FROM queue WHERE guild = $1 AND id = $2`, guildID, id))
	if err != nil && !errors.Is(err, pins.ErrNotFound) {
		return e, fmt.Errorf("read queue entry: %w", err)
	}
	return e, err
}

// Dismiss removes an entry from the queue.
func (s *Store) Dismiss(ctx context.Context, guildID, id string) error {
	ctx, cancel := s.op(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM queue WHERE guild = $1 AND id = $2`, guildID, id)
	if err != nil {
		return fmt.Errorf("dismiss: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return pins.ErrNotFound
	}
	return nil
}

// Take is one request against the token bucket at key, shared by every
// replica: a user asking two replicas at once spends two of one bucket's
// tokens, not one of each. The row keeps the bucket's one time (its tat,
// see answer.Bucket) and this one statement is answer.Bucket in SQL, so
// both limiters behave alike (TestTakeIsAnswerBucket holds them to it):
// the upsert's row lock orders replicas, and the WHERE refuses a request
// that would push the tat past now plus the burst's tolerance.
func (s *Store) Take(ctx context.Context, key string, interval time.Duration, burst int, now time.Time) (bool, time.Duration, error) {
	if burst < 1 {
		burst = 1
	}
	ctx, cancel := s.op(ctx)
	defer cancel()
	s.maybeSweep(ctx, now)
	now = micro(now)
	step := interval.Microseconds()
	tolerance := time.Duration(burst-1) * interval
	var taken bool
	var tat *time.Time
	// The subquery reads the statement's snapshot, so it sees the tat
	// that made the upsert do nothing.
	err := s.pool.QueryRow(ctx, `
		WITH t AS (
			INSERT INTO throttle (key, until) VALUES ($1, $2::timestamptz + $3::bigint * interval '1 microsecond')
			ON CONFLICT (key) DO UPDATE SET until = GREATEST(throttle.until, $2) + $3::bigint * interval '1 microsecond'
			WHERE GREATEST(throttle.until, $2) <= $2::timestamptz + $4::bigint * interval '1 microsecond'
			RETURNING 1)
		SELECT EXISTS (SELECT 1 FROM t), (SELECT until FROM throttle WHERE key = $1)`,
		key, now, step, tolerance.Microseconds()).Scan(&taken, &tat)
	if err != nil {
		return false, 0, fmt.Errorf("check cooldown: %w", err)
	}
	if taken {
		return true, 0, nil
	}
	if tat == nil {
		// Taken by a replica whose insert committed while ours waited.
		return false, interval, nil
	}
	return false, tat.Sub(now) - tolerance, nil
}

// maybeSweep drops expired holds once a minute, so the table stays as
// small as the set of users active in the last window.
func (s *Store) maybeSweep(ctx context.Context, now time.Time) {
	s.sweepMu.Lock()
	due := now.Sub(s.lastSweep) >= time.Minute
	if due {
		s.lastSweep = now
	}
	s.sweepMu.Unlock()
	if due {
		// Best effort: a failed sweep only leaves rows for the next one.
		// A tat in the past is a full bucket, the same as no row.
		s.pool.Exec(ctx, `DELETE FROM throttle WHERE until < $1`, micro(now))
	}
}
