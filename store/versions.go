package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
)

// KnowledgeVersion is one knowledge version with what it takes to serve it again: the knowledge
// file's full content and, when the file names a separate source file, that file's text.
type KnowledgeVersion struct {
	Version string    `json:"version"`
	FirstAt time.Time `json:"first_served"`
	Title   string    `json:"title"`
	Events  int       `json:"events"`
	Origin  string    `json:"origin"`
	Content string    `json:"content,omitempty"`
	// SourcePath is the file's source.path as written in it; empty when the source is inline.
	SourcePath string `json:"source_path,omitempty"`
	SourceText string `json:"source_text,omitempty"`
	// LastAt is when the version last started being served; set by KnowledgeVersions.
	LastAt time.Time `json:"last_served,omitzero"`
}

// Install is one time a version started being served, and what changed from the previous one.
type Install struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"time"`
	Version  string    `json:"version"`
	Previous string    `json:"previous,omitempty"`
	// Trigger says who or what installed it: "startup", "discord:<user id>", "sighup", "watch",
	// "discord:<user id> version:<v>" for a rollback, "replica" never (replicas load, not install).
	Trigger string   `json:"trigger"`
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
	// Title and Events describe the version; set when read back.
	Title  string `json:"title,omitempty"`
	Events int    `json:"events"`
}

// ReloadFailure is a reload that was refused or failed; the previous version kept serving.
type ReloadFailure struct {
	ID           int64     `json:"id"`
	At           time.Time `json:"time"`
	Trigger      string    `json:"trigger"`
	Result       string    `json:"result"`
	Problems     int       `json:"problems"`
	FirstProblem string    `json:"first_problem"`
}

// NotifyChannel is the PostgreSQL channel on which a new install is announced; the payload is
// the version.
const NotifyChannel = "timelinebot_knowledge"

// SaveInstall stores the version (once per distinct version) and its install, and on PostgreSQL
// announces it to every replica in the same transaction: a replica that hears of it finds it.
func (s *Store) SaveInstall(ctx context.Context, v KnowledgeVersion, in Install) (Install, error) {
	at := in.At
	if at.IsZero() {
		at = s.now()
	}
	in.At, in.Version = at, v.Version
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return in, fmt.Errorf("store knowledge version %s in the %s: %w", v.Version, s.where(), err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO knowledge_versions (version, first_at_ms, title, events, origin, content, source_path, source_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`),
		v.Version, s.ms(at), v.Title, v.Events, v.Origin, v.Content, v.SourcePath, v.SourceText); err != nil {
		return in, fmt.Errorf("store knowledge version %s in the %s: %w", v.Version, s.where(), err)
	}
	if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO knowledge_installs (at_ms, version, previous, trigger, added, removed, changed)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		s.ms(at), v.Version, in.Previous, in.Trigger, jsonList(in.Added), jsonList(in.Removed), jsonList(in.Changed)).Scan(&in.ID); err != nil {
		return in, fmt.Errorf("store the install of knowledge version %s in the %s: %w", v.Version, s.where(), err)
	}
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, $2)`, NotifyChannel, v.Version); err != nil {
			return in, fmt.Errorf("announce knowledge version %s: %w", v.Version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return in, fmt.Errorf("store knowledge version %s in the %s: %w", v.Version, s.where(), err)
	}
	in.Title, in.Events = v.Title, v.Events
	return in, nil
}

const installColumns = `i.id, i.at_ms, i.version, i.previous, i.trigger, i.added, i.removed, i.changed, v.title, v.events`

func scanInstall(sc interface{ Scan(...any) error }) (Install, error) {
	var in Install
	var at int64
	var added, removed, changed string
	if err := sc.Scan(&in.ID, &at, &in.Version, &in.Previous, &in.Trigger, &added, &removed, &changed, &in.Title, &in.Events); err != nil {
		return in, err
	}
	in.At = fromMS(at)
	_ = json.Unmarshal([]byte(added), &in.Added)
	_ = json.Unmarshal([]byte(removed), &in.Removed)
	_ = json.Unmarshal([]byte(changed), &in.Changed)
	return in, nil
}

// LatestInstall returns the last install; ok is false when no version was ever stored.
func (s *Store) LatestInstall(ctx context.Context) (in Install, ok bool, err error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+installColumns+` FROM knowledge_installs i
		JOIN knowledge_versions v ON v.version = i.version ORDER BY i.id DESC LIMIT 1`)
	in, err = scanInstall(row)
	if errors.Is(err, sql.ErrNoRows) {
		return in, false, nil
	}
	if err != nil {
		return in, false, fmt.Errorf("read the latest knowledge version from the %s: %w", s.where(), err)
	}
	return in, true, nil
}

// Installs lists installs, newest first; limit 0 lists all.
func (s *Store) Installs(ctx context.Context, limit int) ([]Install, error) {
	query := `SELECT ` + installColumns + ` FROM knowledge_installs i JOIN knowledge_versions v ON v.version = i.version ORDER BY i.id DESC`
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list knowledge versions in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []Install
	for rows.Next() {
		in, err := scanInstall(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// KnowledgeVersions lists the distinct versions stored (without their content), the most
// recently served first; prefix, when not empty, keeps versions starting with it.
func (s *Store) KnowledgeVersions(ctx context.Context, prefix string, limit int) ([]KnowledgeVersion, error) {
	query := `SELECT v.version, v.first_at_ms, v.title, v.events, v.origin, v.source_path, MAX(i.at_ms)
		FROM knowledge_versions v JOIN knowledge_installs i ON i.version = v.version`
	var args []any
	if prefix != "" {
		query += ` WHERE v.version LIKE ?`
		args = append(args, likeEscape(strings.ToLower(prefix))+"%")
	}
	query += ` GROUP BY v.version, v.first_at_ms, v.title, v.events, v.origin, v.source_path ORDER BY MAX(i.at_ms) DESC, MAX(i.id) DESC`
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("list knowledge versions in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []KnowledgeVersion
	for rows.Next() {
		var v KnowledgeVersion
		var first, last int64
		if err := rows.Scan(&v.Version, &first, &v.Title, &v.Events, &v.Origin, &v.SourcePath, &last); err != nil {
			return nil, err
		}
		v.FirstAt, v.LastAt = fromMS(first), fromMS(last)
		out = append(out, v)
	}
	return out, rows.Err()
}

// ErrNoVersion is returned for a version the store does not hold.
var ErrNoVersion = errors.New("no such knowledge version in the database")

// KnowledgeVersion returns a stored version with its content.
func (s *Store) KnowledgeVersion(ctx context.Context, version string) (KnowledgeVersion, error) {
	var v KnowledgeVersion
	var first int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT version, first_at_ms, title, events, origin, content, source_path, source_text
		FROM knowledge_versions WHERE version = ?`), strings.TrimSpace(version)).
		Scan(&v.Version, &first, &v.Title, &v.Events, &v.Origin, &v.Content, &v.SourcePath, &v.SourceText)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("%w: %q (see `timelinebot versions`)", ErrNoVersion, version)
	}
	if err != nil {
		return v, fmt.Errorf("read knowledge version %s from the %s: %w", version, s.where(), err)
	}
	v.FirstAt = fromMS(first)
	return v, nil
}

// HasVersion reports whether the store holds a version.
func (s *Store) HasVersion(ctx context.Context, version string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM knowledge_versions WHERE version = ?`), version).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up knowledge version %s in the %s: %w", version, s.where(), err)
	}
	return n > 0, nil
}

// Timeline parses a stored version back into a timeline, its source read from the stored text, so
// a replica serves exactly what was stored whatever its own disk holds. It is named after the
// version ("database:<version>") in messages.
func (v KnowledgeVersion) Timeline() (*knowledge.Timeline, error) {
	t, err := knowledge.Parse("database:"+v.Version, []byte(v.Content), func(p string) ([]byte, error) {
		if v.SourcePath != "" && filepath.Clean(p) == filepath.Clean(v.SourcePath) {
			return []byte(v.SourceText), nil
		}
		return nil, fmt.Errorf("the stored version %s has no source file %q", v.Version, p)
	})
	if err != nil {
		return nil, err
	}
	if v.Origin != "" {
		t.Origin = v.Origin
	}
	return t, nil
}

// DiffVersions says which events version b added, removed and changed relative to version a.
func (s *Store) DiffVersions(ctx context.Context, a, b string) (added, removed, changed []string, err error) {
	var ts [2]*knowledge.Timeline
	for i, name := range []string{a, b} {
		v, err := s.KnowledgeVersion(ctx, name)
		if err != nil {
			return nil, nil, nil, err
		}
		if ts[i], err = v.Timeline(); err != nil {
			return nil, nil, nil, fmt.Errorf("parse stored version %s: %w", name, err)
		}
	}
	added, removed, changed = knowledge.Diff(ts[0], ts[1])
	return added, removed, changed, nil
}

// RecordReloadFailure stores a refused or failed reload.
func (s *Store) RecordReloadFailure(ctx context.Context, f ReloadFailure) error {
	at := f.At
	if at.IsZero() {
		at = s.now()
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO reload_failures (at_ms, trigger, result, problems, first_problem) VALUES (?, ?, ?, ?, ?)`),
		s.ms(at), f.Trigger, f.Result, f.Problems, f.FirstProblem)
	if err != nil {
		return fmt.Errorf("store a failed reload in the %s: %w", s.where(), err)
	}
	return nil
}

// ReloadFailures lists failed reloads, newest first.
func (s *Store) ReloadFailures(ctx context.Context, limit int) ([]ReloadFailure, error) {
	query := `SELECT id, at_ms, trigger, result, problems, first_problem FROM reload_failures ORDER BY id DESC`
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list failed reloads in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []ReloadFailure
	for rows.Next() {
		var f ReloadFailure
		var at int64
		if err := rows.Scan(&f.ID, &at, &f.Trigger, &f.Result, &f.Problems, &f.FirstProblem); err != nil {
			return nil, err
		}
		f.At = fromMS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}
