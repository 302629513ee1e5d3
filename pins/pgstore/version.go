package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// PinsVersion is the guild's pin version, moved by a trigger on every pin
// write of any replica (migration 0003); "0" before the first.
func (s *Store) PinsVersion(ctx context.Context, guildID string) (string, error) {
	ctx, cancel := s.op(ctx)
	defer cancel()
	var v int64
	err := s.pool.QueryRow(ctx, `SELECT version FROM pin_versions WHERE guild = $1`, guildID).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "0", nil
	}
	if err != nil {
		return "", fmt.Errorf("read pin version: %w", err)
	}
	return strconv.FormatInt(v, 10), nil
}
