// Package testdb gives tests real databases: a SQLite file in a temporary folder, and a fresh
// database on the PostgreSQL server named by TIMELINEBOT_TEST_POSTGRES_URL (which `.ci/run`
// starts; run `export TIMELINEBOT_TEST_POSTGRES_URL=$(.ci/postgres)` to get one locally).
//
// The rule for PostgreSQL: when the variable is set the tests use it; when it is not, they fail in
// CI (CI set, as CI sets it) and skip elsewhere, saying how to get a server. So CI never passes
// with the PostgreSQL tests silently skipped.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// EnvPostgres names the variable holding the test server's URL.
const EnvPostgres = "TIMELINEBOT_TEST_POSTGRES_URL"

// SQLiteURL returns a DATABASE_URL for a new SQLite file in a temporary folder.
func SQLiteURL(t testing.TB) string {
	t.Helper()
	return "sqlite://" + filepath.Join(t.TempDir(), "timelinebot.db")
}

// PostgresURL returns the URL of a new, empty database on the test server, dropped when the test
// ends. See the package comment for when it fails or skips.
func PostgresURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: .ci/run starts a PostgreSQL server and sets it; CI must not skip the PostgreSQL tests", EnvPostgres)
		}
		t.Skipf("no PostgreSQL server: run `export %s=$(.ci/postgres)` to test against one (CI always does)", EnvPostgres)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	defer db.Close()
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	name := "t_" + hex.EncodeToString(buf)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create a test database on %s: %v (is the server up? .ci/postgres starts one)", EnvPostgres, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Each runs fn as a subtest once per database: "sqlite", then "postgres".
func Each(t *testing.T, fn func(t *testing.T, databaseURL string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLiteURL(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresURL(t)) })
}
