// Package store keeps what the bot sees in a database: every question with its answer, every
// feedback click, every knowledge version served and every failed reload. It also holds what
// several replicas must share: per-user rate limits, direct-message follow-up history, and the
// announcement of a new knowledge version (PostgreSQL LISTEN/NOTIFY).
//
// One package serves SQLite (modernc.org/sqlite, pure Go, so the binary stays static) and
// PostgreSQL (pgx) over database/sql: the schemas hold the same values (times in Unix
// milliseconds, lists as JSON text), queries are written once with ? placeholders and rebound for
// PostgreSQL, and the few statements that differ are chosen by dialect. Migrations are embedded
// (migrations/<dialect>/*.sql) and applied by goose when the store opens.
//
// Recording is off the answer path: RecordQuestion and RecordFeedback put a record on a bounded
// queue and return; one writer goroutine writes batches, retries while the database is down, and
// counts what it had to drop when the queue was full (see writer.go).
//
// Reading, for the commands and for an admin page:
//
//   - Questions (QuestionFilter: time range, outcomes, entry, text, one group, one user, pages by
//     id, with their feedback) and EachQuestion (the same, streamed, for exports);
//   - TopQuestions: questions grouped by normalized text, most asked first, optionally only the
//     refused ones (what the knowledge could not answer);
//   - Feedback (FeedbackFilter), WrongEvents (events most often marked Wrong event), Totals;
//   - Installs, LatestInstall, KnowledgeVersions (distinct versions, by prefix), KnowledgeVersion
//     (with content; Timeline parses it), DiffVersions (events added, removed, changed between two
//     versions), ReloadFailures. Rolling back is installing a stored version's content through the
//     reloader, as /reload version: does, so the file on disk and every replica follow.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // database/sql driver "sqlite"
)

// Dialect names the database behind a store.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

//go:embed migrations
var migrations embed.FS

// Target is a parsed DATABASE_URL.
type Target struct {
	Dialect Dialect
	// Path is the SQLite database file (absolute once resolved).
	Path string
	// URL is the PostgreSQL connection URL.
	URL string
}

// None is the DATABASE_URL value that keeps nothing.
const None = "none"

// ParseURL reads a DATABASE_URL: sqlite://PATH (relative paths are resolved against base),
// postgres://… or postgresql://…. It returns ok false for "none" (and ""), which keep nothing.
func ParseURL(raw, base string) (t Target, ok bool, err error) {
	raw = strings.TrimSpace(raw)
	switch lower := strings.ToLower(raw); {
	case raw == "" || lower == None:
		return Target{}, false, nil
	case strings.HasPrefix(lower, "sqlite://"):
		p := raw[len("sqlite://"):]
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		if p == "" {
			return Target{}, false, errors.New("sqlite:// needs a file path, such as sqlite://timelinebot.db or sqlite:///var/lib/timelinebot/bot.db")
		}
		if !filepath.IsAbs(p) && base != "" {
			p = filepath.Join(base, p)
		}
		return Target{Dialect: SQLite, Path: filepath.Clean(p)}, true, nil
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return Target{}, false, fmt.Errorf("not a valid PostgreSQL URL (%v); write it as postgres://USER:PASSWORD@HOST:5432/DATABASE", redactURLError(err))
		}
		if u.Host == "" && u.Query().Get("host") == "" {
			return Target{}, false, errors.New("the PostgreSQL URL names no host; write it as postgres://USER:PASSWORD@HOST:5432/DATABASE")
		}
		return Target{Dialect: Postgres, URL: raw}, true, nil
	}
	return Target{}, false, errors.New("give sqlite://PATH, postgres://USER:PASSWORD@HOST/DATABASE, or none to keep nothing")
}

// redactURLError drops the URL that url.Parse quotes in its errors: it may hold a password.
func redactURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return "unreadable URL"
}

// RedactURL hides the password of a PostgreSQL URL, for messages and logs.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://…"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// User id policies (STORE_USER_IDS).
const (
	UserIDsHash = "hash" // a keyed hash: the same user gets the same key, which does not reveal the id
	UserIDsRaw  = "raw"  // the Discord user id itself
	UserIDsNone = "none" // nothing about the user
)

// Options configure a store.
type Options struct {
	Logger *slog.Logger
	// UserIDs is UserIDsHash (the default), UserIDsRaw or UserIDsNone.
	UserIDs string
	// HashKey keys the user id hash; empty uses a random key generated once and kept in the
	// database, so every replica derives the same keys.
	HashKey string
	// QueueSize bounds the records waiting to be written; 0 means DefaultQueueSize.
	QueueSize int
	// BatchSize bounds the records written in one transaction; 0 means DefaultBatchSize.
	BatchSize int
	// Retention deletes questions and feedback older than this; 0 keeps them forever.
	Retention time.Duration
	// OnDropped is called with the number of records dropped because the queue was full (or the
	// shutdown bound expired); OnWritten with the number written. Both may be nil.
	OnDropped func(n int)
	OnWritten func(n int)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Defaults of Options.
const (
	DefaultQueueSize = 10000
	DefaultBatchSize = 256
)

// Store is an open database. Its methods are safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect Dialect
	target  Target
	opts    Options
	log     *slog.Logger
	hashKey []byte
	now     func() time.Time

	w *writer

	closeOnce sync.Once
	stopBg    context.CancelFunc
	bgDone    sync.WaitGroup
}

// Open connects to the database, applies the embedded migrations it lacks, and starts the
// writer. A database whose schema is newer than this binary's is refused: an older binary must
// not write into tables it does not know. Close flushes and closes it.
func Open(ctx context.Context, t Target, opts Options) (*Store, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.UserIDs == "" {
		opts.UserIDs = UserIDsHash
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultQueueSize
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	db, err := openDB(t)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, dialect: t.Dialect, target: t, opts: opts, log: opts.Logger, now: opts.Now}
	if err := s.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.loadHashKey(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.w = newWriter(s)
	bg, stop := context.WithCancel(context.Background())
	s.stopBg = stop
	s.bgDone.Add(1)
	go func() { defer s.bgDone.Done(); s.w.run() }()
	if opts.Retention > 0 {
		s.bgDone.Add(1)
		go func() { defer s.bgDone.Done(); s.pruneLoop(bg) }()
	}
	return s, nil
}

func openDB(t Target) (*sql.DB, error) {
	switch t.Dialect {
	case SQLite:
		// WAL lets readers (export, stats) run beside the writer; busy_timeout waits for the other
		// connection's lock instead of failing; _txlock=immediate takes the write lock at BEGIN, so
		// two writers never deadlock upgrading a read lock.
		dsn := "file:" + t.Path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("open SQLite database %s: %w", t.Path, err)
		}
		db.SetMaxOpenConns(4)
		return db, nil
	case Postgres:
		db, err := sql.Open("pgx", t.URL)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL database %s: %w", RedactURL(t.URL), err)
		}
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(4)
		db.SetConnMaxIdleTime(5 * time.Minute)
		return db, nil
	}
	return nil, fmt.Errorf("unknown database dialect %q", t.Dialect)
}

// where names the database in messages, without secrets.
func (s *Store) where() string {
	if s.dialect == SQLite {
		return "SQLite database " + s.target.Path
	}
	return "PostgreSQL database " + RedactURL(s.target.URL)
}

// Dialect says which database the store is on.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB is the database handle, for tests and tools that need a query the store does not offer.
func (s *Store) DB() *sql.DB { return s.db }

// SchemaVersion is the newest migration embedded in this binary.
func SchemaVersion(d Dialect) int64 {
	srcs, _ := fs.Glob(migrations, "migrations/"+string(d)+"/*.sql")
	var v int64
	for _, p := range srcs {
		n, err := strconv.ParseInt(strings.SplitN(filepath.Base(p), "_", 2)[0], 10, 64)
		if err == nil && n > v {
			v = n
		}
	}
	return v
}

// migrationLockID is the PostgreSQL advisory lock held while migrating (crc32 of "timelinebot").
const migrationLockID = 0x8ae01c16

// ErrSchemaTooNew is returned by Open for a database migrated by a newer binary.
var ErrSchemaTooNew = errors.New("database schema is newer than this binary")

func (s *Store) migrate(ctx context.Context) error {
	backoff := 20 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := s.migrateOnce(ctx)
		// SQLite answers "database is locked" at once, without waiting out busy_timeout, when two
		// connections both need to upgrade to the write lock, as processes opening one new file at
		// once do (switching it to WAL, creating goose's table): one of them tries again.
		if err == nil || s.dialect != SQLite || attempt == 20 || !isBusy(err) && !errors.Is(err, errMigratedMeanwhile) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Second)
	}
}

// errMigratedMeanwhile: another process applied a migration while this one was applying it.
var errMigratedMeanwhile = errors.New("another process migrated the database meanwhile")

func isBusy(err error) bool {
	return strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked")
}

func (s *Store) migrateOnce(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+string(s.dialect))
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.dialect == Postgres {
		dialect = goose.DialectPostgres
		// Replicas starting together must not run the same migration twice: goose holds a
		// PostgreSQL advisory lock while it migrates.
		// A replica waiting for another's migration retries every second (goose's default is 5 s),
		// for up to a minute; the lock id is this program's, not every goose user's.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID), lock.WithLockTimeout(1, 60))
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, s.db, sub, opts...)
	if err != nil {
		return fmt.Errorf("prepare the migrations of the %s: %w", s.where(), err)
	}
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("read the schema version of the %s: %w (check DATABASE_URL: is the server up, the database created, the user allowed in?)", s.where(), err)
	}
	if have := SchemaVersion(s.dialect); cur > have {
		return fmt.Errorf("%w: the %s is at schema version %d, this binary knows versions up to %d; run the newer timelinebot that migrated it, or point DATABASE_URL at another database",
			ErrSchemaTooNew, s.where(), cur, have)
	}
	res, err := p.Up(ctx)
	if err != nil {
		// Two processes opening one SQLite file at once (serve and stats, or two tests) both see
		// the old version, and the second to apply a migration finds it applied. goose locks
		// PostgreSQL, not SQLite: what counts is that the schema is now current.
		now, verr := p.GetDBVersion(ctx)
		if verr == nil && now >= SchemaVersion(s.dialect) {
			return nil
		}
		// The other process is still between two migrations (it applied the one this one
		// tried, not the next yet): read the version again and go on from there.
		if verr == nil && now > cur {
			return fmt.Errorf("migrate the %s: %w (%w)", s.where(), errMigratedMeanwhile, err)
		}
		return fmt.Errorf("migrate the %s: %w", s.where(), err)
	}
	for _, r := range res {
		s.log.Info("database migrated", "version", r.Source.Version, "file", filepath.Base(r.Source.Path), "duration", r.Duration)
	}
	return nil
}

// loadHashKey sets the key of user id hashes: Options.HashKey, else the key kept in the
// database, created on first use. Replicas racing to create it agree: the first insert wins and
// everyone reads it back.
func (s *Store) loadHashKey(ctx context.Context) error {
	if s.opts.HashKey != "" {
		s.hashKey = []byte(s.opts.HashKey)
		return nil
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO meta (key, value) VALUES ('user_hash_key', ?) ON CONFLICT (key) DO NOTHING`), hex.EncodeToString(buf)); err != nil {
		return fmt.Errorf("keep the user id hash key in the %s: %w", s.where(), err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'user_hash_key'`).Scan(&v); err != nil {
		return fmt.Errorf("read the user id hash key from the %s: %w", s.where(), err)
	}
	s.hashKey = []byte(v)
	return nil
}

// q rebinds a query written with ? placeholders for the store's dialect.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	return rebind(query)
}

// rebind turns ? placeholders into $1, $2, … (PostgreSQL). The queries of this package put no ?
// inside string literals.
func rebind(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Close stops accepting records, writes those queued within ctx's deadline (counting the rest as
// dropped), and closes the database.
func (s *Store) Close(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		s.w.close(ctx)
		s.stopBg()
		s.bgDone.Wait()
		err = s.db.Close()
	})
	return err
}

func (s *Store) ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
