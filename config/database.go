package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Database holds the settings of the database that keeps questions, feedback and knowledge
// versions (package store).
type Database struct {
	// URL is sqlite://PATH (PATH absolute once resolved against the working directory or the
	// config file's folder), postgres://… or "none" (DATABASE_URL).
	URL string
	// Retention deletes questions and feedback older than this; 0 keeps them (DATABASE_RETENTION).
	Retention time.Duration
	// QueueSize bounds the records waiting to be written (DATABASE_QUEUE).
	QueueSize int
	// UserIDs is hash, raw or none (STORE_USER_IDS).
	UserIDs string
	// HashKey keys the user id hash; "" uses a key generated and kept in the database (STORE_HASH_KEY).
	HashKey string
	// AnswerBudget bounds what a question waits for the database (DATABASE_ANSWER_BUDGET).
	AnswerBudget time.Duration
}

// DatabaseEnabled reports whether anything is kept.
func (c Config) DatabaseEnabled() bool { return c.Database.URL != "" && c.Database.URL != "none" }

// databaseSettings are the Database group of the table.
func databaseSettings() []*setting {
	dbURL := def("Database", "DATABASE_URL", "sqlite://timelinebot.db", "url",
		`Where serve keeps questions, answers, feedback and knowledge versions: sqlite://PATH (a file; relative to the working directory, or the config file's folder when set there), postgres://USER:PASSWORD@HOST:5432/DB to share one database between replicas, or none to keep nothing. ask, check and eval never use it.`, false,
		func(c *Config, raw, base string) error {
			u, err := parseDatabaseURL(raw, base)
			c.Database.URL = u
			return err
		},
		func(c *Config) string { return c.Database.URL },
		func(c *Config) error {
			_, err := parseDatabaseURL(c.Database.URL, "")
			return err
		},
	)
	return []*setting{
		dbURL,
		def("Database", "DATABASE_RETENTION", "90d", "duration",
			`Questions and feedback older than this are deleted (hourly); knowledge versions are kept. Accepts days (90d) as well as Go durations (720h); 0 keeps everything.`, false,
			func(c *Config, raw, _ string) error { return parseDays(raw, &c.Database.Retention) },
			func(c *Config) string { return formatDays(c.Database.Retention) },
			func(c *Config) error { return checkDuration(c.Database.Retention, 0, 100*365*24*time.Hour) },
		),
		def("Database", "DATABASE_QUEUE", "10000", "int",
			`Records (questions, feedback clicks) held in memory while the database is slow or down; past that they are dropped and counted (timelinebot_store_dropped_total). Answers never wait for the database.`, false,
			func(c *Config, raw, _ string) error { return parseInt(raw, &c.Database.QueueSize) },
			func(c *Config) string { return strconv.Itoa(c.Database.QueueSize) },
			func(c *Config) error { return checkIntRange(c.Database.QueueSize, 1, 10_000_000) },
		),
		def("Database", "DATABASE_ANSWER_BUDGET", "250ms", "duration",
			`Longest a question waits for the database, with PostgreSQL: the shared rate limit and the DM follow-up history. Past it the process decides alone (its own rate limit, its own memory of the conversation), so a slow database never holds an answer up longer.`, false,
			func(c *Config, raw, _ string) error { return parseDuration(raw, &c.Database.AnswerBudget) },
			func(c *Config) string { return c.Database.AnswerBudget.String() },
			func(c *Config) error { return checkDuration(c.Database.AnswerBudget, time.Millisecond, 2*time.Second) },
		),
		def("Database", "STORE_USER_IDS", "hash", "enum(hash|raw|none)",
			`What is kept about who asked: hash (a keyed hash of the Discord user id: one user's questions can be grouped or deleted, the id is not kept), raw (the user id) or none.`, false,
			func(c *Config, raw, _ string) error { c.Database.UserIDs = strings.ToLower(raw); return nil },
			func(c *Config) string { return c.Database.UserIDs },
			func(c *Config) error {
				switch c.Database.UserIDs {
				case "hash", "raw", "none":
					return nil
				}
				return bad("unknown policy", "use hash, raw or none")
			},
		),
		def("Database", "STORE_HASH_KEY", "", "secret",
			`Key of the user id hash (any long random string). Empty uses a random key generated once and kept in the database; set it so that whoever holds a copy of the database cannot test user ids against the hashes.`, true,
			func(c *Config, raw, _ string) error { c.Database.HashKey = raw; return nil },
			func(c *Config) string { return c.Database.HashKey },
			nil,
		),
	}
}

// parseDatabaseURL checks a DATABASE_URL and resolves a relative SQLite path against base.
func parseDatabaseURL(raw, base string) (string, error) {
	raw = strings.TrimSpace(raw)
	lower := strings.ToLower(raw)
	switch {
	case lower == "none":
		return "none", nil
	case strings.HasPrefix(lower, "sqlite://"):
		p := raw[len("sqlite://"):]
		if p == "" {
			return raw, bad("names no file", "write sqlite://timelinebot.db, sqlite:///var/lib/timelinebot/bot.db, or none")
		}
		if base != "" && !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		return "sqlite://" + p, nil
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil || (u.Host == "" && u.Query().Get("host") == "") {
			return raw, bad("not a PostgreSQL URL with a host", "write postgres://USER:PASSWORD@HOST:5432/DATABASE")
		}
		return raw, nil
	case raw == "":
		return raw, bad("must not be empty", "leave it unset for sqlite://timelinebot.db, or write none to keep nothing")
	}
	return raw, bad("unknown kind of database", "write sqlite://PATH, postgres://USER:PASSWORD@HOST/DATABASE, or none")
}

// parseDays reads a duration that may be written in days ("90d").
func parseDays(raw string, dst *time.Duration) error {
	raw = strings.TrimSpace(raw)
	if n, ok := strings.CutSuffix(raw, "d"); ok {
		days, err := strconv.ParseFloat(n, 64)
		if err != nil || days < 0 {
			return bad("not a number of days", "write it like 90d, 720h or 0")
		}
		*dst = time.Duration(days * 24 * float64(time.Hour))
		return nil
	}
	return parseDuration(raw, dst)
}

func formatDays(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}
