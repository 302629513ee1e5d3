// Package backend picks and opens the pins store from the configuration:
// PostgreSQL when DATABASE_URL is set (replicas sharing state), else the
// bbolt file in DATA_DIR (one process, nothing to run beside it). The bot
// and the pins export/import commands open their store through it, so
// both always use the same one.
package backend

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ordinancebot/pins"
	"ordinancebot/pins/boltstore"
	"ordinancebot/pins/pgstore"
)

// Config says which store to open.
type Config struct {
	// DatabaseURL (DATABASE_URL) is a postgres:// URL; empty means bbolt.
	DatabaseURL string
	// DataDir (DATA_DIR) holds pins.db when there is no DatabaseURL.
	DataDir string
}

// FromEnv reads DATABASE_URL and DATA_DIR (default ./data).
func FromEnv(getenv func(string) string) Config {
	c := Config{DatabaseURL: strings.TrimSpace(getenv("DATABASE_URL")), DataDir: strings.TrimSpace(getenv("DATA_DIR"))}
	if c.DataDir == "" {
		c.DataDir = "data"
	}
	return c
}

// Store is an open pins store.
type Store interface {
	pins.Store
	Close() error
}

// Open opens the configured store. where names it for logs and messages,
// with any password redacted.
func Open(ctx context.Context, c Config) (s Store, where string, err error) {
	if c.DatabaseURL != "" {
		where = pgstore.Redact(c.DatabaseURL)
		if !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
			return nil, "", fmt.Errorf("DATABASE_URL must be a postgres:// URL (got %s)", where)
		}
		ps, err := pgstore.Open(ctx, c.DatabaseURL, pgstore.Options{})
		if err != nil {
			return nil, "", err
		}
		return ps, where, nil
	}
	if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
		return nil, "", fmt.Errorf("create DATA_DIR: %w", err)
	}
	where = filepath.Join(c.DataDir, "pins.db")
	bs, err := boltstore.Open(where)
	if err != nil {
		return nil, "", err
	}
	return bs, where, nil
}
