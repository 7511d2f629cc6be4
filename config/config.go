// Package config is the one place that defines timelinebot's settings.
//
// Every setting is described once, in the table returned by [Table]: its
// environment variable, its key in the config file, its command-line flag, its
// default, whether it is a secret, and what it means. [Load] reads the settings
// once, from these sources (highest precedence first):
//
//  1. command-line flags (registered with [RegisterFlags] or [FlagSet]);
//  2. the environment, passed explicitly as KEY=VALUE pairs;
//  3. a .env file in the working directory;
//  4. a config file: --config PATH, else timelinebot.yaml in the working
//     directory when it exists (YAML, JSON or TOML, chosen by extension);
//  5. the defaults.
//
// It returns a typed [Config], a [Report] saying where each value came from,
// and an [*Error] listing every problem found, each naming the setting, the
// source, the (redacted, for secrets) value, what is wrong and how to fix it.
//
// The package never reads the process environment or working directory
// itself: callers pass them in, so the whole program can run in-process in
// tests. Secrets never appear in errors, reports, String or LogValue output:
// they are shown redacted by [Redact].
package config

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Mode is how the bot receives interactions from Discord.
type Mode string

const (
	// ModeGateway receives events over the gateway websocket (the default).
	ModeGateway Mode = "gateway"
	// ModeHTTP receives interactions as signed HTTP requests on HTTP_ADDR.
	ModeHTTP Mode = "http"
)

// LogFormat is the format of log lines.
type LogFormat string

const (
	// LogText is slog's key=value text format (the default).
	LogText LogFormat = "text"
	// LogJSON is one JSON object per line.
	LogJSON LogFormat = "json"
)

// Config holds every setting, typed. Obtain one from [Load], or from
// [Default] in tests; call [Config.Validate] after changing fields by hand.
type Config struct {
	Discord    Discord
	Knowledge  Knowledge
	Moderation Moderation
	Answering  Answering
	RateLimit  RateLimit
	LLM        LLM
	HTTP       HTTP
	Log        Log
	Database   Database
	Admin      Admin
	// ShutdownTimeout bounds the graceful shutdown (SHUTDOWN_TIMEOUT).
	ShutdownTimeout time.Duration
}

// Discord holds the settings of the Discord connection.
type Discord struct {
	// Token is the bot token without any "Bot " prefix; "" means Discord is off (DISCORD_TOKEN).
	Token string
	// GuildID, when set, registers commands in that guild only, which is instant (DISCORD_GUILD_ID).
	GuildID string
	// APIURL is the REST base URL, without a trailing slash (DISCORD_API_URL).
	APIURL string
	// Mode is gateway or http (DISCORD_MODE).
	Mode Mode
	// PublicKey verifies interaction signatures in http mode (DISCORD_PUBLIC_KEY).
	PublicKey ed25519.PublicKey
	// ApplicationID is the application's snowflake, "" to discover it (DISCORD_APPLICATION_ID).
	ApplicationID string
	// ShardID and ShardCount select this process's gateway shard (DISCORD_SHARD_ID, DISCORD_SHARD_COUNT).
	ShardID    int
	ShardCount int
}

// Knowledge holds the settings of the knowledge file.
type Knowledge struct {
	// File is the knowledge file's path, "" for the embedded default (KNOWLEDGE_FILE).
	// A relative path is resolved against the working directory given to Load,
	// or against the config file's directory when it comes from the config file.
	File string
	// Watch reloads File when it changes (KNOWLEDGE_WATCH).
	Watch bool
}

// Answering holds where and how the bot answers members.
type Answering struct {
	// AllowedChannelIDs, when not empty, are the only server channels (and their threads) the bot
	// answers in (ALLOWED_CHANNEL_IDS).
	AllowedChannelIDs []string
	// DMsEnabled answers direct messages (DMS_ENABLED).
	DMsEnabled bool
	// DefaultPrivate makes /ask answers visible to the asker only by default (DEFAULT_PRIVATE).
	DefaultPrivate bool
}

// Moderation holds the settings of moderator commands.
type Moderation struct {
	// RoleIDs are the role snowflakes allowed to run moderator commands (MODERATOR_ROLE_IDS).
	RoleIDs []string
	// AttachmentMaxBytes caps the size of a knowledge file uploaded to /reload (ATTACHMENT_MAX_BYTES).
	AttachmentMaxBytes int64
}

// RateLimit holds the per-user limits on questions.
type RateLimit struct {
	// Enabled turns the per-user rate limit on (RATE_LIMIT_ENABLED).
	Enabled bool
	// PerMinute is the token bucket's refill rate, in questions per user per minute (RATE_LIMIT_PER_MINUTE).
	PerMinute float64
	// Burst is the token bucket's size (RATE_LIMIT_BURST).
	Burst int
	// MaxQuestionLength is the longest question accepted, in characters (MAX_QUESTION_LENGTH).
	MaxQuestionLength int
}

// LLM holds the settings of the optional OpenAI-compatible language model.
type LLM struct {
	// APIKey is the secret API key; local servers need none (OPENAI_API_KEY).
	APIKey string
	// BaseURL is the API base URL, "" for OpenAI's (OPENAI_BASE_URL).
	BaseURL string
	// Model is the model name; "" turns the LLM off (OPENAI_MODEL).
	Model string
	// Timeout bounds the whole model call, retries included (OPENAI_TIMEOUT).
	Timeout time.Duration
	// MaxTokens caps the length of one completion (OPENAI_MAX_TOKENS).
	MaxTokens int
	// Temperature is the sampling temperature, 0..2 (OPENAI_TEMPERATURE).
	Temperature float64
	// HistoryTTL is how long a conversation's history is kept; 0 keeps none (LLM_HISTORY_TTL).
	HistoryTTL time.Duration
	// HistoryTurns is how many previous turns are sent with a question (LLM_HISTORY_TURNS).
	HistoryTurns int
}

// HTTP holds the settings of the HTTP listener.
type HTTP struct {
	// Addr is the host:port to listen on, "" for no listener (HTTP_ADDR).
	Addr string
}

// Log holds the logging settings.
type Log struct {
	// Level is the minimum level logged (LOG_LEVEL).
	Level slog.Level
	// Format is text or json (LOG_FORMAT).
	Format LogFormat
}

// Default returns the configuration made of every setting's default: Discord
// off, LLM off, the embedded knowledge. It is valid.
func Default() Config {
	var c Config
	for _, s := range settings {
		if err := s.parse(&c, s.Default, ""); err != nil {
			panic(fmt.Sprintf("config: default of %s does not parse: %v", s.Name, err))
		}
	}
	return c
}

// DiscordEnabled reports whether a Discord bot token is set.
func (c Config) DiscordEnabled() bool { return c.Discord.Token != "" }

// LLMEnabled reports whether answers are phrased by a language model: a model
// is named and either an API key or a base URL (a local server) is set.
func (c Config) LLMEnabled() bool {
	return c.LLM.Model != "" && (c.LLM.APIKey != "" || c.LLM.BaseURL != "")
}

// RequireDiscord returns an error explaining how to set a bot token when
// Discord is off. `serve` calls it; `ask`, `check` and `eval` do not need Discord.
func (c Config) RequireDiscord() error {
	if c.DiscordEnabled() {
		return nil
	}
	return fmt.Errorf("DISCORD_TOKEN is not set: serving on Discord needs a bot token; " +
		"copy it from the Discord developer portal (your application → Bot → Reset Token) " +
		"into DISCORD_TOKEN in the environment or a .env file (see .env.example); " +
		"`ask` answers questions without Discord")
}

// String lists every setting as key=value, secrets redacted.
func (c Config) String() string {
	var b strings.Builder
	for i, s := range settings {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Key)
		b.WriteByte('=')
		b.WriteString(s.show(s.get(&c)))
	}
	return b.String()
}

// LogValue implements slog.LogValuer: one attribute per setting, named by its
// config-file key, secrets redacted.
func (c Config) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(settings)+2)
	for _, s := range settings {
		attrs = append(attrs, slog.String(s.Key, s.show(s.get(&c))))
	}
	attrs = append(attrs,
		slog.Bool("discord_enabled", c.DiscordEnabled()),
		slog.Bool("llm_enabled", c.LLMEnabled()))
	return slog.GroupValue(attrs...)
}

// Redact hides a secret: "" stays "", a secret shorter than 16 characters
// becomes "****", a longer one shows at most its last 4 characters ("…abcd"),
// after the public "sk-" prefix of OpenAI keys ("sk-…abcd").
func Redact(secret string) string {
	if secret == "" {
		return ""
	}
	if len(secret) < 16 || !isPrintableASCII(secret) {
		return "****"
	}
	prefix := ""
	if strings.HasPrefix(secret, "sk-") {
		prefix = "sk-"
	}
	return prefix + "…" + secret[len(secret)-4:]
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func hexKey(k ed25519.PublicKey) string { return hex.EncodeToString(k) }
