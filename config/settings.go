package config

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Setting describes one setting. [Table] lists them all; the README and
// .env.example are checked against it.
type Setting struct {
	// Name is the setting's name in messages and documentation; it is the
	// environment variable's name, e.g. "DISCORD_TOKEN".
	Name string
	// Env is the environment variable (also the name used in .env files).
	Env string
	// Key is the key in the config file, e.g. "discord_token".
	Key string
	// Flag is the command-line flag without its dashes, e.g. "discord-token".
	Flag string
	// Default is the default value as it would be written in the environment.
	Default string
	// Secret settings are redacted wherever they are shown.
	Secret bool
	// Type says what values are accepted: string, secret, snowflake,
	// snowflakes, url, enum(a|b), bool, int, float, duration, path, host:port.
	Type string
	// Description says what the setting means, in one or two sentences.
	Description string
	// Group is the section the setting belongs to, e.g. "Discord".
	Group string
}

// Table returns a copy of the description of every setting, in documentation order.
func Table() []Setting {
	out := make([]Setting, len(settings))
	for i, s := range settings {
		out[i] = s.Setting
	}
	return out
}

// setting is a Setting with the code that reads, shows and checks it.
type setting struct {
	Setting
	// parse normalizes raw (trimmed, non-empty unless from a flag) and stores it in c;
	// base is the directory relative paths are resolved against. Errors are faults.
	parse func(c *Config, raw, base string) error
	// get returns the field's value written as it would be in the environment.
	get func(c *Config) string
	// check reports a fault in the typed value, if any.
	check func(c *Config) error
}

// show returns v as it may be displayed: redacted for secrets.
func (s *setting) show(v string) string {
	switch {
	case s.Secret:
		return Redact(v)
	case s.Type == "url":
		return RedactURL(v)
	}
	return v
}

// fault is a problem with one value: what is wrong and how to fix it.
type fault struct{ what, fix string }

func (f *fault) Error() string { return f.what + "; " + f.fix }

func bad(what, fix string) error { return &fault{what: what, fix: fix} }

func def(group, name, dflt, typ, desc string, secret bool,
	parse func(c *Config, raw, base string) error, get func(c *Config) string, check func(c *Config) error) *setting {
	key := strings.ToLower(name)
	return &setting{
		Setting: Setting{
			Name: name, Env: name, Key: key, Flag: strings.ReplaceAll(key, "_", "-"),
			Default: dflt, Secret: secret, Type: typ, Description: desc, Group: group,
		},
		parse: parse, get: get, check: check,
	}
}

// settings is the table. Order is documentation order.
var settings = append([]*setting{
	// --- Discord ---
	def("Discord", "DISCORD_TOKEN", "", "secret",
		`Bot token from the Discord developer portal (your application → Bot → Reset Token), with or without the "Bot " prefix. Empty turns Discord off: serve refuses to start, ask/check/eval work without it.`, true,
		func(c *Config, raw, _ string) error {
			raw = strings.TrimSpace(raw)
			if len(raw) > 4 && strings.EqualFold(raw[:4], "bot ") {
				raw = strings.TrimSpace(raw[4:])
			}
			c.Discord.Token = raw
			return nil
		},
		func(c *Config) string { return c.Discord.Token },
		func(c *Config) error {
			return checkToken(c.Discord.Token, "bot token", "paste the token from the Discord developer portal (Bot → Reset Token) as it is shown")
		},
	),
	def("Discord", "DISCORD_GUILD_ID", "", "snowflake",
		`Server (guild) ID to register slash commands in, which takes effect at once; empty registers them globally. Right-click the server with Developer Mode on → Copy Server ID.`, false,
		func(c *Config, raw, _ string) error { c.Discord.GuildID = raw; return nil },
		func(c *Config) string { return c.Discord.GuildID },
		func(c *Config) error {
			return checkSnowflake(c.Discord.GuildID, "turn on Developer Mode in Discord, right-click the server → Copy Server ID")
		},
	),
	def("Discord", "DISCORD_API_URL", "https://discord.com/api/v10", "url",
		`Base URL of Discord's REST API; change it only to talk to a proxy or a test server.`, false,
		func(c *Config, raw, _ string) error {
			u, err := parseURL(raw)
			c.Discord.APIURL = u
			return err
		},
		func(c *Config) string { return c.Discord.APIURL },
		func(c *Config) error {
			if c.Discord.APIURL == "" {
				return bad("must not be empty", "leave it unset for https://discord.com/api/v10")
			}
			_, err := parseURL(c.Discord.APIURL)
			return err
		},
	),
	def("Discord", "DISCORD_MODE", "gateway", "enum(gateway|http)",
		`How interactions arrive: gateway (a websocket, works anywhere) or http (Discord POSTs signed requests to HTTP_ADDR; needs DISCORD_PUBLIC_KEY).`, false,
		func(c *Config, raw, _ string) error { c.Discord.Mode = Mode(strings.ToLower(raw)); return nil },
		func(c *Config) string { return string(c.Discord.Mode) },
		func(c *Config) error {
			switch c.Discord.Mode {
			case ModeGateway, ModeHTTP:
				return nil
			}
			return bad("unknown mode", "use gateway or http")
		},
	),
	def("Discord", "DISCORD_PUBLIC_KEY", "", "hex",
		`Application public key (64 hex characters, developer portal → General Information → Public Key) used to verify interaction requests. Required when DISCORD_MODE=http.`, false,
		func(c *Config, raw, _ string) error {
			if raw == "" {
				c.Discord.PublicKey = nil
				return nil
			}
			b, err := hex.DecodeString(raw)
			if err != nil || len(b) != ed25519.PublicKeySize {
				return bad(fmt.Sprintf("not an Ed25519 public key: need 64 hexadecimal characters, got %d characters", len(raw)),
					"copy the Public Key from the developer portal (General Information)")
			}
			c.Discord.PublicKey = ed25519.PublicKey(b)
			return nil
		},
		func(c *Config) string { return hexKey(c.Discord.PublicKey) },
		func(c *Config) error {
			if n := len(c.Discord.PublicKey); n != 0 && n != ed25519.PublicKeySize {
				return bad(fmt.Sprintf("not an Ed25519 public key: need %d bytes, got %d", ed25519.PublicKeySize, n),
					"copy the Public Key from the developer portal (General Information)")
			}
			return nil
		},
	),
	def("Discord", "DISCORD_APPLICATION_ID", "", "snowflake",
		`Application ID (developer portal → General Information). Optional: discovered with the token when empty; set it in http mode when it cannot be.`, false,
		func(c *Config, raw, _ string) error { c.Discord.ApplicationID = raw; return nil },
		func(c *Config) string { return c.Discord.ApplicationID },
		func(c *Config) error {
			return checkSnowflake(c.Discord.ApplicationID, "copy the Application ID from the developer portal (General Information)")
		},
	),
	def("Discord", "DISCORD_SHARD_ID", "0", "int",
		`Gateway shard this process runs, from 0 to DISCORD_SHARD_COUNT-1.`, false,
		func(c *Config, raw, _ string) error { return parseInt(raw, &c.Discord.ShardID) },
		func(c *Config) string { return strconv.Itoa(c.Discord.ShardID) },
		func(c *Config) error {
			if c.Discord.ShardID < 0 {
				return bad("must not be negative", "shard ids run from 0 to DISCORD_SHARD_COUNT-1")
			}
			return nil
		},
	),
	def("Discord", "DISCORD_SHARD_COUNT", "1", "int",
		`Total number of gateway shards; 1 unless the bot is in thousands of servers.`, false,
		func(c *Config, raw, _ string) error { return parseInt(raw, &c.Discord.ShardCount) },
		func(c *Config) string { return strconv.Itoa(c.Discord.ShardCount) },
		func(c *Config) error { return checkIntRange(c.Discord.ShardCount, 1, 1<<16) },
	),

	// --- Knowledge ---
	def("Knowledge", "KNOWLEDGE_FILE", "", "path",
		`Knowledge file to serve (see docs/knowledge-format.md); empty serves the embedded default chronology. Relative paths are resolved against the working directory, or the config file's directory when set there.`, false,
		func(c *Config, raw, base string) error {
			if raw != "" && base != "" && !filepath.IsAbs(raw) {
				raw = filepath.Join(base, raw)
			}
			c.Knowledge.File = raw
			return nil
		},
		func(c *Config) string { return c.Knowledge.File },
		nil,
	),
	def("Knowledge", "KNOWLEDGE_WATCH", "false", "bool",
		`Reload KNOWLEDGE_FILE automatically when it changes on disk (a failed reload keeps the old knowledge). Requires KNOWLEDGE_FILE.`, false,
		func(c *Config, raw, _ string) error { return parseBool(raw, &c.Knowledge.Watch) },
		func(c *Config) string { return strconv.FormatBool(c.Knowledge.Watch) },
		nil,
	),

	// --- Moderation ---
	def("Moderation", "MODERATOR_ROLE_IDS", "", "snowflakes",
		`Comma-separated role IDs whose members may run moderator commands such as /reload (checked by the bot).`, false,
		func(c *Config, raw, _ string) error {
			c.Moderation.RoleIDs = nil
			seen := map[string]bool{}
			for _, id := range strings.Split(raw, ",") {
				id = strings.TrimSpace(id)
				if id == "" || seen[id] {
					continue
				}
				seen[id] = true
				c.Moderation.RoleIDs = append(c.Moderation.RoleIDs, id)
			}
			return nil
		},
		func(c *Config) string { return strings.Join(c.Moderation.RoleIDs, ",") },
		func(c *Config) error {
			for _, id := range c.Moderation.RoleIDs {
				if err := checkSnowflake(id, "right-click each role with Developer Mode on → Copy Role ID, and separate them with commas"); err != nil {
					f := err.(*fault)
					return bad(fmt.Sprintf("role ID %q: %s", id, f.what), f.fix)
				}
			}
			return nil
		},
	),
	def("Moderation", "ATTACHMENT_MAX_BYTES", "1048576", "int",
		`Largest file, in bytes, that moderators may upload to /reload (a knowledge file) or /draft (an article).`, false,
		func(c *Config, raw, _ string) error {
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				return bad("not a whole number of bytes", "write a number such as 1048576 (1 MiB)")
			}
			c.Moderation.AttachmentMaxBytes = n
			return nil
		},
		func(c *Config) string { return strconv.FormatInt(c.Moderation.AttachmentMaxBytes, 10) },
		func(c *Config) error {
			if n := c.Moderation.AttachmentMaxBytes; n < 1 || n > 1<<30 {
				return bad("must be between 1 and 1073741824 (1 GiB)", "write a size in bytes such as 1048576 (1 MiB)")
			}
			return nil
		},
	),

	// --- Answering ---
	def("Answering", "ALLOWED_CHANNEL_IDS", "", "snowflakes",
		`Comma-separated channel IDs the bot answers in (their threads too); elsewhere a command gets a notice naming them and a mention is ignored. Empty: every channel.`, false,
		func(c *Config, raw, _ string) error { c.Answering.AllowedChannelIDs = splitIDs(raw); return nil },
		func(c *Config) string { return strings.Join(c.Answering.AllowedChannelIDs, ",") },
		func(c *Config) error {
			for _, id := range c.Answering.AllowedChannelIDs {
				if err := checkSnowflake(id, "right-click each channel with Developer Mode on → Copy Channel ID, and separate them with commas"); err != nil {
					f := err.(*fault)
					return bad(fmt.Sprintf("channel ID %q: %s", id, f.what), f.fix)
				}
			}
			return nil
		},
	),
	def("Answering", "DMS_ENABLED", "true", "bool",
		`Answer direct messages; false ignores them.`, false,
		func(c *Config, raw, _ string) error { return parseBool(raw, &c.Answering.DMsEnabled) },
		func(c *Config) string { return strconv.FormatBool(c.Answering.DMsEnabled) },
		nil,
	),
	def("Answering", "DEFAULT_PRIVATE", "false", "bool",
		`Show /ask answers to the asker only unless they give private:false.`, false,
		func(c *Config, raw, _ string) error { return parseBool(raw, &c.Answering.DefaultPrivate) },
		func(c *Config) string { return strconv.FormatBool(c.Answering.DefaultPrivate) },
		nil,
	),

	// --- Rate limit ---
	def("Rate limit", "RATE_LIMIT_ENABLED", "true", "bool",
		`Limit how many questions each user may ask (a token bucket per user).`, false,
		func(c *Config, raw, _ string) error { return parseBool(raw, &c.RateLimit.Enabled) },
		func(c *Config) string { return strconv.FormatBool(c.RateLimit.Enabled) },
		nil,
	),
	def("Rate limit", "RATE_LIMIT_PER_MINUTE", "6", "float",
		`Questions per user per minute once the burst is spent (the bucket's refill rate).`, false,
		func(c *Config, raw, _ string) error { return parseFloat(raw, &c.RateLimit.PerMinute) },
		func(c *Config) string { return formatFloat(c.RateLimit.PerMinute) },
		func(c *Config) error {
			if !(c.RateLimit.PerMinute > 0) || math.IsInf(c.RateLimit.PerMinute, 0) {
				return bad("must be greater than 0", "write a rate such as 6 or 0.5; set RATE_LIMIT_ENABLED=false to turn the limit off")
			}
			return nil
		},
	),
	def("Rate limit", "RATE_LIMIT_BURST", "3", "int",
		`Questions a user may ask in a row before the per-minute rate applies (the bucket's size).`, false,
		func(c *Config, raw, _ string) error { return parseInt(raw, &c.RateLimit.Burst) },
		func(c *Config) string { return strconv.Itoa(c.RateLimit.Burst) },
		func(c *Config) error { return checkIntRange(c.RateLimit.Burst, 1, 1000) },
	),
	def("Rate limit", "MAX_QUESTION_LENGTH", "500", "int",
		`Longest question accepted, in characters (10 to 4000).`, false,
		func(c *Config, raw, _ string) error { return parseInt(raw, &c.RateLimit.MaxQuestionLength) },
		func(c *Config) string { return strconv.Itoa(c.RateLimit.MaxQuestionLength) },
		func(c *Config) error { return checkIntRange(c.RateLimit.MaxQuestionLength, 10, 4000) },
	),

	// --- LLM ---
	def("LLM", "OPENAI_API_KEY", "", "secret",
		`API key of the OpenAI-compatible endpoint; local servers (see OPENAI_BASE_URL) need none.`, true,
		func(c *Config, raw, _ string) error { c.LLM.APIKey = raw; return nil },
		func(c *Config) string { return c.LLM.APIKey },
		func(c *Config) error {
			return checkToken(c.LLM.APIKey, "API key", "paste the key exactly as your provider shows it")
		},
	),
	def("LLM", "OPENAI_BASE_URL", "", "url",
		`Base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1 for Ollama; empty uses OpenAI's.`, false,
		func(c *Config, raw, _ string) error {
			if raw == "" {
				c.LLM.BaseURL = ""
				return nil
			}
			u, err := parseURL(raw)
			c.LLM.BaseURL = u
			return err
		},
		func(c *Config) string { return c.LLM.BaseURL },
		func(c *Config) error {
			if c.LLM.BaseURL == "" {
				return nil
			}
			_, err := parseURL(c.LLM.BaseURL)
			return err
		},
	),
	def("LLM", "OPENAI_MODEL", "", "string",
		`Model that phrases answers, e.g. gpt-4o-mini. The LLM is on when this is set and OPENAI_API_KEY or OPENAI_BASE_URL is too; answers stay grounded in the source either way.`, false,
		func(c *Config, raw, _ string) error { c.LLM.Model = raw; return nil },
		func(c *Config) string { return c.LLM.Model },
		nil,
	),
	def("LLM", "OPENAI_TIMEOUT", "20s", "duration",
		`Budget for the whole model call, retries included, after which the extractive answer is used (at most 10m).`, false,
		func(c *Config, raw, _ string) error { return parseDuration(raw, &c.LLM.Timeout) },
		func(c *Config) string { return c.LLM.Timeout.String() },
		func(c *Config) error { return checkDuration(c.LLM.Timeout, time.Nanosecond, 10*time.Minute) },
	),
	def("LLM", "OPENAI_MAX_TOKENS", "400", "int",
		`Largest number of tokens the model may write per answer.`, false,
		func(c *Config, raw, _ string) error { return parseInt(raw, &c.LLM.MaxTokens) },
		func(c *Config) string { return strconv.Itoa(c.LLM.MaxTokens) },
		func(c *Config) error { return checkIntRange(c.LLM.MaxTokens, 1, 32768) },
	),
	def("LLM", "OPENAI_TEMPERATURE", "0.2", "float",
		`Sampling temperature from 0 (most deterministic) to 2.`, false,
		func(c *Config, raw, _ string) error { return parseFloat(raw, &c.LLM.Temperature) },
		func(c *Config) string { return formatFloat(c.LLM.Temperature) },
		func(c *Config) error {
			if t := c.LLM.Temperature; !(t >= 0 && t <= 2) {
				return bad("must be between 0 and 2", "write a number such as 0.2")
			}
			return nil
		},
	),
	def("LLM", "LLM_HISTORY_TTL", "10m", "duration",
		`How long a conversation's previous questions are remembered for follow-ups; 0 remembers none.`, false,
		func(c *Config, raw, _ string) error { return parseDuration(raw, &c.LLM.HistoryTTL) },
		func(c *Config) string { return c.LLM.HistoryTTL.String() },
		func(c *Config) error { return checkDuration(c.LLM.HistoryTTL, 0, 24*time.Hour) },
	),
	def("LLM", "LLM_HISTORY_TURNS", "4", "int",
		`How many previous question-and-answer turns are sent with a follow-up; 0 sends none.`, false,
		func(c *Config, raw, _ string) error { return parseInt(raw, &c.LLM.HistoryTurns) },
		func(c *Config) string { return strconv.Itoa(c.LLM.HistoryTurns) },
		func(c *Config) error { return checkIntRange(c.LLM.HistoryTurns, 0, 50) },
	),

	// --- HTTP ---
	def("HTTP", "HTTP_ADDR", "", "host:port",
		`Address of the HTTP listener (health checks, metrics, and interactions in http mode), e.g. :8080 or 127.0.0.1:8080; empty means no listener.`, false,
		func(c *Config, raw, _ string) error { c.HTTP.Addr = raw; return nil },
		func(c *Config) string { return c.HTTP.Addr },
		func(c *Config) error {
			if c.HTTP.Addr == "" {
				return nil
			}
			const fix = "write host:port such as :8080 or 127.0.0.1:8080"
			_, port, err := net.SplitHostPort(c.HTTP.Addr)
			if err != nil {
				return bad("not a host:port address", fix)
			}
			if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
				return bad("the port must be a number from 0 to 65535", fix)
			}
			return nil
		},
	),

	// --- Logging ---
	def("Logging", "LOG_LEVEL", "info", "enum(debug|info|warn|error)",
		`Least severe level logged: debug, info, warn or error.`, false,
		func(c *Config, raw, _ string) error {
			switch strings.ToLower(raw) {
			case "debug":
				c.Log.Level = slog.LevelDebug
			case "info":
				c.Log.Level = slog.LevelInfo
			case "warn", "warning":
				c.Log.Level = slog.LevelWarn
			case "error":
				c.Log.Level = slog.LevelError
			default:
				return bad("unknown level", "use debug, info, warn or error")
			}
			return nil
		},
		func(c *Config) string { return strings.ToLower(c.Log.Level.String()) },
		func(c *Config) error {
			switch c.Log.Level {
			case slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError:
				return nil
			}
			return bad("unknown level", "use debug, info, warn or error")
		},
	),
	def("Logging", "LOG_FORMAT", "text", "enum(text|json)",
		`Log line format: text (key=value) or json (one object per line).`, false,
		func(c *Config, raw, _ string) error { c.Log.Format = LogFormat(strings.ToLower(raw)); return nil },
		func(c *Config) string { return string(c.Log.Format) },
		func(c *Config) error {
			switch c.Log.Format {
			case LogText, LogJSON:
				return nil
			}
			return bad("unknown format", "use text or json")
		},
	),

	// --- Process ---
	def("Process", "SHUTDOWN_TIMEOUT", "10s", "duration",
		`Time allowed on SIGINT/SIGTERM for answers in flight to finish before the bot exits.`, false,
		func(c *Config, raw, _ string) error { return parseDuration(raw, &c.ShutdownTimeout) },
		func(c *Config) string { return c.ShutdownTimeout.String() },
		func(c *Config) error { return checkDuration(c.ShutdownTimeout, time.Nanosecond, 10*time.Minute) },
	),
}, append(databaseSettings(), adminSettings()...)...) // config/database.go, config/admin.go

// byName indexes settings by Name.
var byName = func() map[string]*setting {
	m := make(map[string]*setting, len(settings))
	for _, s := range settings {
		m[s.Name] = s
	}
	return m
}()

// rule is a check involving several settings; the fault is reported against setting.
type rule struct {
	setting  string
	involves []string
	check    func(c *Config) error
}

var rules = []rule{
	{"DISCORD_PUBLIC_KEY", []string{"DISCORD_MODE"}, func(c *Config) error {
		if c.Discord.Mode == ModeHTTP && len(c.Discord.PublicKey) == 0 {
			return bad("required when DISCORD_MODE=http, to verify that requests come from Discord",
				"copy the Public Key from the developer portal (General Information), or set DISCORD_MODE=gateway")
		}
		return nil
	}},
	{"HTTP_ADDR", []string{"DISCORD_MODE"}, func(c *Config) error {
		if c.Discord.Mode == ModeHTTP && c.HTTP.Addr == "" {
			return bad("required when DISCORD_MODE=http, to receive interactions",
				"set it to the address your Interactions Endpoint URL reaches, e.g. :8080, or set DISCORD_MODE=gateway")
		}
		return nil
	}},
	{"DISCORD_SHARD_ID", []string{"DISCORD_SHARD_COUNT"}, func(c *Config) error {
		if c.Discord.ShardCount >= 1 && c.Discord.ShardID >= c.Discord.ShardCount {
			return bad(fmt.Sprintf("must be less than DISCORD_SHARD_COUNT (%d)", c.Discord.ShardCount),
				fmt.Sprintf("shard ids run from 0 to %d; raise DISCORD_SHARD_COUNT or lower DISCORD_SHARD_ID", c.Discord.ShardCount-1))
		}
		return nil
	}},
	{"KNOWLEDGE_WATCH", []string{"KNOWLEDGE_FILE"}, func(c *Config) error {
		if c.Knowledge.Watch && c.Knowledge.File == "" {
			return bad("requires KNOWLEDGE_FILE: the embedded knowledge never changes",
				"set KNOWLEDGE_FILE to the file to watch, or set KNOWLEDGE_WATCH=false")
		}
		return nil
	}},
}

// --- value parsers and checks ---

func parseInt(raw string, dst *int) error {
	n, err := strconv.Atoi(raw)
	if err != nil {
		return bad("not a whole number", "write digits only, such as 3")
	}
	*dst = n
	return nil
}

func parseFloat(raw string, dst *float64) error {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return bad("not a number", "write a decimal number such as 0.5")
	}
	*dst = f
	return nil
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// splitIDs reads a comma-separated list of IDs, dropping blanks and repeats.
func splitIDs(raw string) []string {
	var out []string
	for _, id := range strings.Split(raw, ",") {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func parseBool(raw string, dst *bool) error {
	switch strings.ToLower(raw) {
	case "1", "t", "true", "yes", "y", "on":
		*dst = true
	case "0", "f", "false", "no", "n", "off":
		*dst = false
	default:
		return bad("not a boolean", "write true or false")
	}
	return nil
}

func parseDuration(raw string, dst *time.Duration) error {
	const fix = "write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m"
	d, err := time.ParseDuration(raw)
	if err != nil {
		if _, nerr := strconv.ParseFloat(raw, 64); nerr == nil {
			return bad("missing a unit", fix)
		}
		return bad("not a duration", fix)
	}
	*dst = d
	return nil
}

func checkDuration(d, min, max time.Duration) error {
	const fix = "write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m"
	switch {
	case min > 0 && d < min:
		return bad("must be greater than 0", fix)
	case d < min:
		return bad("must not be negative", fix)
	case d > max:
		return bad("must be at most "+max.String(), fix)
	}
	return nil
}

func checkIntRange(n, min, max int) error {
	if n < min || n > max {
		return bad(fmt.Sprintf("must be between %d and %d", min, max), fmt.Sprintf("write a whole number from %d to %d", min, max))
	}
	return nil
}

// RedactURL hides the parts of a URL that carry credentials: the user-info before "@" (as in
// http://user:password@host/v1 or postgres://bot:password@db/tb) and the values of query
// parameters named like secrets (?api_key=…, ?password=…; ?sslmode=disable stays). The URL
// settings that take no user-info reject it, but a rejected value is still quoted in errors and in
// `timelinebot config`, so the redaction is textual: it works on values that do not parse as URLs.
func RedactURL(v string) string {
	start := 0
	if i := strings.Index(v, "://"); i >= 0 {
		start = i + len("://")
	}
	end := len(v)
	if i := strings.IndexAny(v[start:], "/?#"); i >= 0 {
		end = start + i
	}
	if at := strings.LastIndex(v[start:end], "@"); at >= 0 {
		v = v[:start] + "****" + v[start+at:]
	}
	q := strings.Index(v, "?")
	if q < 0 {
		return v
	}
	query, frag := v[q+1:], ""
	if h := strings.Index(query, "#"); h >= 0 {
		query, frag = query[:h], query[h:]
	}
	params := strings.Split(query, "&")
	for i, p := range params {
		if name, _, ok := strings.Cut(p, "="); ok && secretName(name) {
			params[i] = name + "=****"
		}
	}
	return v[:q+1] + strings.Join(params, "&") + frag
}

// secretName reports whether a query parameter's name says it holds a credential.
func secretName(name string) bool {
	name = strings.ToLower(name)
	for _, w := range []string{"pass", "pwd", "secret", "token", "key", "auth", "sig", "credential"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// parseURL checks that raw is an absolute http(s) URL and returns it without trailing slashes.
func parseURL(raw string) (string, error) {
	const fix = "write an absolute http:// or https:// URL such as https://example.com/v1"
	u, err := url.Parse(raw)
	if err != nil {
		return raw, bad("not a URL", fix)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return raw, bad("must start with http:// or https://", fix)
	}
	if u.Host == "" {
		return raw, bad("has no host", fix)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return raw, bad("must not contain a query, fragment or user name", fix+" (credentials belong in DISCORD_TOKEN or OPENAI_API_KEY, never in a URL)")
	}
	return strings.TrimRight(raw, "/"), nil
}

// checkSnowflake checks an optional Discord ID: 17 to 20 digits.
func checkSnowflake(id, fix string) error {
	if id == "" {
		return nil
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return bad("not a Discord ID: IDs are digits only", fix)
		}
	}
	if len(id) < 17 || len(id) > 20 {
		return bad(fmt.Sprintf("not a Discord ID: IDs have 17 to 20 digits, this has %d", len(id)), fix)
	}
	if _, err := strconv.ParseUint(id, 10, 64); err != nil {
		return bad("not a Discord ID: too large", fix)
	}
	return nil
}

// checkToken checks that an optional secret looks like one: no quotes, no
// whitespace, printable ASCII.
func checkToken(tok, what, fix string) error {
	if tok == "" {
		return nil
	}
	if strings.HasPrefix(tok, `"`) || strings.HasPrefix(tok, `'`) || strings.HasSuffix(tok, `"`) || strings.HasSuffix(tok, `'`) {
		return bad("the "+what+" is wrapped in quotes", "remove the quotes")
	}
	for i := 0; i < len(tok); i++ {
		switch b := tok[i]; {
		case b == ' ' || b == '\t' || b == '\n' || b == '\r':
			return bad("the "+what+" contains whitespace", fix)
		case b < 0x21 || b > 0x7e:
			return bad("the "+what+" contains characters that are not printable ASCII", fix)
		}
	}
	return nil
}
