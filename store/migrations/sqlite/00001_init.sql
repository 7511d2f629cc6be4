-- The first schema. Times are Unix milliseconds (UTC), lists are JSON arrays, so the SQLite and
-- PostgreSQL schemas hold the same values and one set of queries reads both.

-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per question the bot was asked.
CREATE TABLE questions (
    id                INTEGER PRIMARY KEY,
    -- ref is the Discord id of what asked: the interaction (slash commands) or the message (DMs,
    -- mentions). Feedback on the answer names it, which links the two.
    ref               TEXT    NOT NULL,
    at_ms             INTEGER NOT NULL,
    entry             TEXT    NOT NULL,
    guild_id          TEXT    NOT NULL DEFAULT '',
    channel_id        TEXT    NOT NULL DEFAULT '',
    user_key          TEXT    NOT NULL DEFAULT '',
    text              TEXT    NOT NULL,
    normalized        TEXT    NOT NULL,
    lang              TEXT    NOT NULL DEFAULT '',
    outcome           TEXT    NOT NULL,
    answer            TEXT    NOT NULL DEFAULT '',
    event_ids         TEXT    NOT NULL DEFAULT '[]',
    citations         TEXT    NOT NULL DEFAULT '[]',
    knowledge_version TEXT    NOT NULL DEFAULT '',
    model_phrased     BOOLEAN NOT NULL DEFAULT FALSE,
    fallback          TEXT    NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    latency_us        INTEGER NOT NULL DEFAULT 0,
    error             TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX questions_at ON questions (at_ms);
CREATE INDEX questions_ref ON questions (ref);
CREATE INDEX questions_normalized ON questions (normalized);

-- One row per Helpful / Wrong event click.
CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY,
    at_ms         INTEGER NOT NULL,
    question_ref  TEXT    NOT NULL DEFAULT '',
    message_id    TEXT    NOT NULL DEFAULT '',
    guild_id      TEXT    NOT NULL DEFAULT '',
    channel_id    TEXT    NOT NULL DEFAULT '',
    user_key      TEXT    NOT NULL DEFAULT '',
    helpful       BOOLEAN NOT NULL,
    event_id      TEXT    NOT NULL DEFAULT '',
    cited         TEXT    NOT NULL DEFAULT '[]',
    question_text TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX feedback_at ON feedback (at_ms);
CREATE INDEX feedback_question_ref ON feedback (question_ref);

-- Each distinct knowledge version ever served, with what it takes to serve it again.
CREATE TABLE knowledge_versions (
    version     TEXT PRIMARY KEY,
    first_at_ms INTEGER NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',
    events      INTEGER NOT NULL DEFAULT 0,
    origin      TEXT    NOT NULL DEFAULT '',
    content     TEXT    NOT NULL,
    source_path TEXT    NOT NULL DEFAULT '',
    source_text TEXT    NOT NULL DEFAULT ''
);

-- Each time a version started being served, and what changed from the one before.
CREATE TABLE knowledge_installs (
    id       INTEGER PRIMARY KEY,
    at_ms    INTEGER NOT NULL,
    version  TEXT    NOT NULL REFERENCES knowledge_versions (version),
    previous TEXT    NOT NULL DEFAULT '',
    trigger  TEXT    NOT NULL DEFAULT '',
    added    TEXT    NOT NULL DEFAULT '[]',
    removed  TEXT    NOT NULL DEFAULT '[]',
    changed  TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX knowledge_installs_at ON knowledge_installs (at_ms);

-- Reloads that were refused or failed; the previous version kept serving.
CREATE TABLE reload_failures (
    id            INTEGER PRIMARY KEY,
    at_ms         INTEGER NOT NULL,
    trigger       TEXT    NOT NULL DEFAULT '',
    result        TEXT    NOT NULL DEFAULT '',
    problems      INTEGER NOT NULL DEFAULT 0,
    first_problem TEXT    NOT NULL DEFAULT ''
);

-- Per-user token buckets shared by replicas.
CREATE TABLE rate_buckets (
    key        TEXT PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_ms INTEGER NOT NULL
);

-- Direct-message follow-up history shared by processes.
CREATE TABLE conversation_turns (
    id        INTEGER PRIMARY KEY,
    conv_key  TEXT    NOT NULL,
    at_ms     INTEGER NOT NULL,
    question  TEXT    NOT NULL,
    retrieval TEXT    NOT NULL,
    answer    TEXT    NOT NULL
);
CREATE INDEX conversation_turns_key ON conversation_turns (conv_key, id);

-- +goose Down
DROP TABLE conversation_turns;
DROP TABLE rate_buckets;
DROP TABLE reload_failures;
DROP TABLE knowledge_installs;
DROP TABLE knowledge_versions;
DROP TABLE feedback;
DROP TABLE questions;
DROP TABLE meta;
