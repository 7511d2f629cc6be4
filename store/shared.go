package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Allow spends one token of the bucket key (a user) if it has one: a token bucket of burst
// tokens refilled at perMinute, counted in the database so that every replica draws on the same
// bucket. The check and the spend are one statement, so concurrent replicas cannot both spend the
// last token.
//
// The bucket's key is kept as a keyed hash whatever STORE_USER_IDS says: the table needs to tell
// users apart, never who they are.
func (s *Store) Allow(ctx context.Context, key string, perMinute float64, burst int) (bool, error) {
	if perMinute <= 0 {
		return true, nil
	}
	key = s.hashed(key)
	burst = max(burst, 1)
	perMS := perMinute / 60000
	now := s.now().UnixMilli()
	// The bucket refills from its last update; an update happens only when a token is spent, so a
	// refused question does not push the refill back.
	query := `INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET
			tokens = MIN(?, rate_buckets.tokens + (excluded.updated_ms - rate_buckets.updated_ms) * ?) - 1,
			updated_ms = excluded.updated_ms
		WHERE MIN(?, rate_buckets.tokens + (excluded.updated_ms - rate_buckets.updated_ms) * ?) >= 1
		RETURNING tokens`
	if s.dialect == Postgres {
		query = `INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES ($1, $2::float8, $3::bigint)
		ON CONFLICT (key) DO UPDATE SET
			tokens = LEAST($4::float8, rate_buckets.tokens + (excluded.updated_ms - rate_buckets.updated_ms) * $5::float8) - 1,
			updated_ms = excluded.updated_ms
		WHERE LEAST($6::float8, rate_buckets.tokens + (excluded.updated_ms - rate_buckets.updated_ms) * $7::float8) >= 1
		RETURNING tokens`
	}
	var left float64
	err := s.db.QueryRowContext(ctx, query, key, float64(burst-1), now, float64(burst), perMS, float64(burst), perMS).Scan(&left)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("rate limit in the %s: %w", s.where(), err)
	}
	return true, nil
}

// Turn is one question and answer of a direct-message conversation, for follow-ups.
type Turn struct {
	Question, Retrieval, Answer string
	At                          time.Time
}

// Turns returns a conversation's last max turns newer than ttl, oldest first.
func (s *Store) Turns(ctx context.Context, key string, max int, ttl time.Duration) ([]Turn, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT question, retrieval, answer, at_ms FROM conversation_turns
		WHERE conv_key = ? AND at_ms >= ? ORDER BY id DESC LIMIT ?`), key, s.now().Add(-ttl).UnixMilli(), max)
	if err != nil {
		return nil, fmt.Errorf("read conversation history from the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []Turn
	for rows.Next() {
		var t Turn
		var at int64
		if err := rows.Scan(&t.Question, &t.Retrieval, &t.Answer, &at); err != nil {
			return nil, err
		}
		t.At = fromMS(at)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// AddTurn appends a turn to a conversation, keeping its last max turns.
func (s *Store) AddTurn(ctx context.Context, key string, t Turn, max int) error {
	at := t.At
	if at.IsZero() {
		at = s.now()
	}
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO conversation_turns (conv_key, at_ms, question, retrieval, answer) VALUES (?, ?, ?, ?, ?)`),
		key, at.UnixMilli(), t.Question, t.Retrieval, t.Answer); err != nil {
		return fmt.Errorf("store conversation history in the %s: %w", s.where(), err)
	}
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM conversation_turns WHERE conv_key = ? AND id NOT IN
		(SELECT id FROM conversation_turns WHERE conv_key = ? ORDER BY id DESC LIMIT ?)`), key, key, max)
	return err
}

// ForgetTurns drops a conversation's history.
func (s *Store) ForgetTurns(ctx context.Context, key string) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM conversation_turns WHERE conv_key = ?`), key)
	return err
}

// Listen calls fn with the version announced each time a replica installs one, until ctx is
// done. It also calls fn with "" each time it (re)connects, since announcements made while it was
// disconnected are lost: the caller then compares the latest stored version with its own. It
// reconnects with backoff when the connection drops. Only PostgreSQL announces; on SQLite Listen
// returns at once.
func (s *Store) Listen(ctx context.Context, fn func(version string)) {
	if s.dialect != Postgres {
		return
	}
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, fn, func() { backoff = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("database announcements lost; reconnecting (this replica keeps serving its knowledge)", "database", s.where(), "err", err, "retry_in", backoff)
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context, fn func(string), connected func()) error {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.Connect(cctx, s.target.URL)
	cancel()
	if err != nil {
		return err
	}
	defer func() {
		cl, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = conn.Close(cl)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+NotifyChannel); err != nil {
		return err
	}
	connected()
	fn("")
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn(n.Payload)
	}
}
