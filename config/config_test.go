package config

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// --- helpers ---

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func parsedFlags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := FlagSet("test")
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse flags %q: %v", args, err)
	}
	return fs
}

func mustLoad(t *testing.T, opts Options) (Config, *Report) {
	t.Helper()
	c, r, err := Load(opts)
	if err != nil {
		t.Fatalf("Load: unexpected error: %v", err)
	}
	return c, r
}

func loadErr(t *testing.T, opts Options) (*Error, *Report) {
	t.Helper()
	_, r, err := Load(opts)
	if err == nil {
		t.Fatal("Load: expected an error, got none")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Load: error is %T, want *config.Error: %v", err, err)
	}
	if r == nil {
		t.Fatal("Load: report is nil on error")
	}
	return e, r
}

func source(t *testing.T, r *Report, name string) Source {
	t.Helper()
	e, ok := r.Lookup(name)
	if !ok {
		t.Fatalf("report has no entry for %s", name)
	}
	return e.Source
}

// --- defaults and table ---

func TestDefaultsAreValidAndTurnDiscordAndLLMOff(t *testing.T) {
	d := Default()
	if err := d.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
	if d.DiscordEnabled() || d.LLMEnabled() {
		t.Errorf("defaults: DiscordEnabled=%v LLMEnabled=%v, want both false", d.DiscordEnabled(), d.LLMEnabled())
	}
	want := Config{
		Discord:         Discord{APIURL: "https://discord.com/api/v10", Mode: ModeGateway, ShardCount: 1},
		Moderation:      Moderation{AttachmentMaxBytes: 1 << 20},
		Answering:       Answering{DMsEnabled: true},
		RateLimit:       RateLimit{Enabled: true, PerMinute: 6, Burst: 3, MaxQuestionLength: 500},
		LLM:             LLM{Timeout: 20 * time.Second, MaxTokens: 400, Temperature: 0.2, HistoryTTL: 10 * time.Minute, HistoryTurns: 4},
		Log:             Log{Level: slog.LevelInfo, Format: LogText},
		Database:        Database{URL: "sqlite://timelinebot.db", Retention: 90 * 24 * time.Hour, QueueSize: 10000, UserIDs: "hash", AnswerBudget: 250 * time.Millisecond},
		ShutdownTimeout: 10 * time.Second,
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Default() =\n%+v\nwant\n%+v", d, want)
	}

	c, r := mustLoad(t, Options{})
	if !reflect.DeepEqual(c, d) {
		t.Errorf("Load with no sources =\n%+v\nwant Default()", c)
	}
	for _, e := range r.Entries {
		if e.Source.Kind != SourceDefault {
			t.Errorf("%s: source %v, want default", e.Setting.Name, e.Source)
		}
	}
	if r.ConfigFile != "" || r.DotEnvFile != "" || len(r.Warnings) != 0 {
		t.Errorf("report with no sources: %+v", r)
	}
}

func TestTableNamesKeysAndFlagsAreConsistentAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Table() {
		if s.Name != s.Env || s.Key != strings.ToLower(s.Env) || s.Flag != strings.ReplaceAll(s.Key, "_", "-") {
			t.Errorf("%s: inconsistent names %+v", s.Name, s)
		}
		for _, n := range []string{s.Env, s.Key, s.Flag} {
			if seen[n] {
				t.Errorf("duplicate name %q", n)
			}
			seen[n] = true
		}
		if s.Description == "" || s.Group == "" || s.Type == "" {
			t.Errorf("%s: missing description, group or type", s.Name)
		}
		if s.Secret && s.Default != "" {
			t.Errorf("%s: a secret must not have a default", s.Name)
		}
	}
	tab := Table()
	tab[0].Name = "CHANGED"
	if Table()[0].Name == "CHANGED" {
		t.Error("Table() returns the package's own slice; want a copy")
	}
}

// --- precedence ---

func TestPrecedence(t *testing.T) {
	// RATE_LIMIT_BURST is set to a different value in each source.
	const (
		flagV, envV, dotenvV, fileV, defaultV = 7, 8, 9, 10, 3
	)
	type srcs struct{ flag, env, dotenv, file bool }
	tests := []struct {
		name string
		set  srcs
		want int
		kind SourceKind
	}{
		{"flag beats env", srcs{flag: true, env: true}, flagV, SourceFlag},
		{"flag beats .env", srcs{flag: true, dotenv: true}, flagV, SourceFlag},
		{"flag beats config file", srcs{flag: true, file: true}, flagV, SourceFlag},
		{"flag beats default", srcs{flag: true}, flagV, SourceFlag},
		{"env beats .env", srcs{env: true, dotenv: true}, envV, SourceEnv},
		{"env beats config file", srcs{env: true, file: true}, envV, SourceEnv},
		{"env beats default", srcs{env: true}, envV, SourceEnv},
		{".env beats config file", srcs{dotenv: true, file: true}, dotenvV, SourceDotEnv},
		{".env beats default", srcs{dotenv: true}, dotenvV, SourceDotEnv},
		{"config file beats default", srcs{file: true}, fileV, SourceConfigFile},
		{"default when nothing is set", srcs{}, defaultV, SourceDefault},
		{"flag beats all the others", srcs{true, true, true, true}, flagV, SourceFlag},
		{"env beats .env and config file", srcs{env: true, dotenv: true, file: true}, envV, SourceEnv},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			opts := Options{Dir: dir}
			if tt.set.flag {
				opts.Flags = parsedFlags(t, "--rate-limit-burst=7")
			}
			if tt.set.env {
				opts.Env = []string{"RATE_LIMIT_BURST=8"}
			}
			if tt.set.dotenv {
				writeFile(t, dir, ".env", "RATE_LIMIT_BURST=9\n")
			}
			var file string
			if tt.set.file {
				file = writeFile(t, dir, "timelinebot.yaml", "rate_limit_burst: 10\n")
			}
			c, r := mustLoad(t, opts)
			if c.RateLimit.Burst != tt.want {
				t.Errorf("Burst = %d, want %d", c.RateLimit.Burst, tt.want)
			}
			src := source(t, r, "RATE_LIMIT_BURST")
			if src.Kind != tt.kind {
				t.Errorf("source = %v, want kind %v", src, tt.kind)
			}
			if tt.kind == SourceConfigFile && src.String() != file {
				t.Errorf("config file source = %q, want its path %q", src, file)
			}
		})
	}
}

// sample holds a valid, non-default raw value for every setting.
var sample = map[string]string{
	"DISCORD_TOKEN":          "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123",
	"DISCORD_GUILD_ID":       "123456789012345678",
	"DISCORD_API_URL":        "http://127.0.0.1:9999/api/v10",
	"DISCORD_MODE":           "http",
	"DISCORD_PUBLIC_KEY":     strings.Repeat("ab", 32),
	"DISCORD_APPLICATION_ID": "223456789012345678",
	"DISCORD_SHARD_ID":       "1",
	"DISCORD_SHARD_COUNT":    "2",
	"KNOWLEDGE_FILE":         "/srv/knowledge.yaml",
	"KNOWLEDGE_WATCH":        "true",
	"MODERATOR_ROLE_IDS":     "323456789012345678,423456789012345678",
	"ATTACHMENT_MAX_BYTES":   "2048",
	"ALLOWED_CHANNEL_IDS":    "523456789012345678,623456789012345678",
	"DMS_ENABLED":            "false",
	"DEFAULT_PRIVATE":        "true",
	"RATE_LIMIT_ENABLED":     "false",
	"RATE_LIMIT_PER_MINUTE":  "1.5",
	"RATE_LIMIT_BURST":       "5",
	"MAX_QUESTION_LENGTH":    "1000",
	"OPENAI_API_KEY":         "sk-testkey0123456789abcdefghijklmnop",
	"OPENAI_BASE_URL":        "http://localhost:11434/v1",
	"OPENAI_MODEL":           "llama3.1:8b",
	"OPENAI_TIMEOUT":         "45s",
	"OPENAI_MAX_TOKENS":      "300",
	"OPENAI_TEMPERATURE":     "0.7",
	"LLM_HISTORY_TTL":        "5m0s",
	"LLM_HISTORY_TURNS":      "2",
	"HTTP_ADDR":              "127.0.0.1:8080",
	"LOG_LEVEL":              "debug",
	"LOG_FORMAT":             "json",
	"SHUTDOWN_TIMEOUT":       "30s",
	"DATABASE_URL":           "postgres://db.internal:5432/timelinebot",
	"DATABASE_RETENTION":     "30d",
	"DATABASE_QUEUE":         "500",
	"DATABASE_ANSWER_BUDGET": "1s",
	"STORE_USER_IDS":         "raw",
	"STORE_HASH_KEY":         "a-long-random-hash-key-0123456789",
	"DISCORD_CLIENT_SECRET":  "oauth-client-secret-0123456789",
	"ADMIN_BASE_URL":         "https://bot.example.org",
}

func TestEverySettingIsReadFromEverySource(t *testing.T) {
	if len(sample) != len(settings) {
		t.Fatalf("sample has %d values for %d settings", len(sample), len(settings))
	}
	kinds := []SourceKind{SourceFlag, SourceEnv, SourceDotEnv, SourceConfigFile}
	for _, kind := range kinds {
		dir := t.TempDir()
		opts := Options{Dir: dir}
		var args []string
		var dotenv, yaml strings.Builder
		for _, s := range Table() {
			v := sample[s.Name]
			switch kind {
			case SourceFlag:
				args = append(args, "--"+s.Flag+"="+v)
			case SourceEnv:
				opts.Env = append(opts.Env, s.Env+"="+v)
			case SourceDotEnv:
				dotenv.WriteString(s.Env + "=" + v + "\n")
			case SourceConfigFile:
				yaml.WriteString(s.Key + ": \"" + v + "\"\n")
			}
		}
		opts.Flags = parsedFlags(t, args...)
		writeFile(t, dir, ".env", dotenv.String())
		writeFile(t, dir, "timelinebot.yaml", yaml.String())
		c, r := mustLoad(t, opts)
		for _, s := range Table() {
			e, _ := r.Lookup(s.Name)
			if e.Source.Kind != kind {
				t.Errorf("%s: source %v, want kind %d", s.Name, e.Source, kind)
			}
			want := sample[s.Name]
			if s.Secret {
				want = Redact(want)
			}
			if e.Value != want {
				t.Errorf("%s from source kind %d: report value %q, want %q", s.Name, kind, e.Value, want)
			}
		}
		if !c.LLMEnabled() || !c.DiscordEnabled() {
			t.Errorf("source kind %d: LLM and Discord should be on", kind)
		}
	}
}

func TestEmptyEnvironmentValuesCountAsUnset(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, ".env", "RATE_LIMIT_BURST=9\n")
	c, r := mustLoad(t, Options{Dir: dir, Env: []string{"RATE_LIMIT_BURST=", "DISCORD_TOKEN=", "LOG_LEVEL=   "}})
	if c.RateLimit.Burst != 9 || source(t, r, "RATE_LIMIT_BURST").Kind != SourceDotEnv {
		t.Errorf("empty env value hid .env: Burst=%d from %v", c.RateLimit.Burst, source(t, r, "RATE_LIMIT_BURST"))
	}
	if c.DiscordEnabled() || source(t, r, "DISCORD_TOKEN").Kind != SourceDefault {
		t.Errorf("empty DISCORD_TOKEN should leave Discord off, from default")
	}
	if c.Log.Level != slog.LevelInfo {
		t.Errorf("blank LOG_LEVEL should count as unset")
	}
}

func TestEmptyValuesInDotEnvAndConfigFileCountAsUnset(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "timelinebot.yaml", "rate_limit_burst: 10\nlog_level: \"\"\nopenai_model:\n")
	writeFile(t, dir, ".env", "RATE_LIMIT_BURST=\n")
	c, r := mustLoad(t, Options{Dir: dir})
	if c.RateLimit.Burst != 10 || source(t, r, "RATE_LIMIT_BURST").Kind != SourceConfigFile {
		t.Errorf("empty .env value hid the config file: Burst=%d", c.RateLimit.Burst)
	}
	if source(t, r, "LOG_LEVEL").Kind != SourceDefault || source(t, r, "OPENAI_MODEL").Kind != SourceDefault {
		t.Error("empty config file values should count as unset")
	}
}

func TestAnExplicitlyEmptyFlagOverridesOtherSources(t *testing.T) {
	c, r := mustLoad(t, Options{
		Flags: parsedFlags(t, "--openai-model="),
		Env:   []string{"OPENAI_MODEL=gpt-4o-mini", "OPENAI_API_KEY=sk-0123456789abcdefghij"},
	})
	if c.LLM.Model != "" || c.LLMEnabled() || source(t, r, "OPENAI_MODEL").Kind != SourceFlag {
		t.Errorf("--openai-model= should turn the LLM off: model %q", c.LLM.Model)
	}
}

func TestTheLastDuplicateEnvironmentVariableWins(t *testing.T) {
	c, _ := mustLoad(t, Options{Env: []string{"RATE_LIMIT_BURST=4", "PATH=/bin", "RATE_LIMIT_BURST=5"}})
	if c.RateLimit.Burst != 5 {
		t.Errorf("Burst = %d, want 5", c.RateLimit.Burst)
	}
}

// --- flags ---

func TestCallerFlagSetKeepsItsOwnFlagsAndArguments(t *testing.T) {
	fs := pflag.NewFlagSet("ask", pflag.ContinueOnError)
	verbose := fs.Bool("verbose", false, "")
	RegisterFlags(fs)
	if err := fs.Parse([]string{"--verbose", "--knowledge-watch", "--knowledge-file", "k.yaml", "--rate-limit-enabled=false", "when did it start?"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c, r := mustLoad(t, Options{Flags: fs, Dir: dir})
	if !*verbose || !reflect.DeepEqual(fs.Args(), []string{"when did it start?"}) {
		t.Errorf("caller's flag or arguments lost: verbose=%v args=%q", *verbose, fs.Args())
	}
	if !c.Knowledge.Watch || c.RateLimit.Enabled {
		t.Errorf("bool flags: Watch=%v RateLimit.Enabled=%v", c.Knowledge.Watch, c.RateLimit.Enabled)
	}
	if want := filepath.Join(dir, "k.yaml"); c.Knowledge.File != want {
		t.Errorf("relative KNOWLEDGE_FILE = %q, want %q (resolved against Dir)", c.Knowledge.File, want)
	}
	if source(t, r, "KNOWLEDGE_WATCH").Kind != SourceFlag {
		t.Error("KNOWLEDGE_WATCH should come from the flag")
	}
}

func TestFlagUsageNamesTheEnvironmentVariable(t *testing.T) {
	fs := FlagSet("x")
	f := fs.Lookup("discord-token")
	if f == nil || !strings.Contains(f.Usage, "env DISCORD_TOKEN") {
		t.Fatalf("--discord-token usage = %+v", f)
	}
	if fs.Lookup("config") == nil {
		t.Error("--config is not registered")
	}
	if d := fs.Lookup("openai-timeout").DefValue; d != "20s" {
		t.Errorf("--openai-timeout default shown as %q, want 20s", d)
	}
}

// --- token ---

func TestDiscordTokenIsStoredWithoutBotPrefix(t *testing.T) {
	const tok = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123"
	for _, raw := range []string{tok, "Bot " + tok, "bot " + tok, "Bot   " + tok, "  Bot " + tok + "  "} {
		c, r := mustLoad(t, Options{Env: []string{"DISCORD_TOKEN=" + raw}})
		if c.Discord.Token != tok {
			t.Errorf("DISCORD_TOKEN=%q: stored %q, want %q", raw, c.Discord.Token, tok)
		}
		if !c.DiscordEnabled() {
			t.Errorf("DISCORD_TOKEN=%q: Discord should be on", raw)
		}
		if e, _ := r.Lookup("DISCORD_TOKEN"); e.Value != "…0123" {
			t.Errorf("report shows token as %q, want …0123", e.Value)
		}
	}
}

func TestDiscordTokenMustLookLikeAToken(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"whitespace inside", "MTIzNDU2Nzg5 MDEyMzQ1Njc4.GhIjKl.abcd", "the bot token contains whitespace"},
		{"wrapped in quotes", `"MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcd"`, "wrapped in quotes; remove the quotes"},
		{"not printable ASCII", "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdé", "not printable ASCII"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := loadErr(t, Options{Env: []string{"DISCORD_TOKEN=" + tt.raw}})
			msg := e.Error()
			if !strings.Contains(msg, "DISCORD_TOKEN (from env): bad value") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not say %q", msg, tt.want)
			}
		})
	}
}

func TestRequireDiscordExplainsHowToSetTheToken(t *testing.T) {
	err := Default().RequireDiscord()
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN is not set") || !strings.Contains(err.Error(), ".env") {
		t.Errorf("RequireDiscord() = %v", err)
	}
	c := Default()
	c.Discord.Token = "x.y.z"
	if err := c.RequireDiscord(); err != nil {
		t.Errorf("RequireDiscord() with a token = %v", err)
	}
}

func TestLLMIsEnabledByAModelAndAKeyOrABaseURL(t *testing.T) {
	tests := []struct {
		name          string
		key, url, mod string
		want          bool
	}{
		{"model and key", "sk-0123456789abcdef", "", "gpt-4o-mini", true},
		{"model and local base URL without key", "", "http://localhost:11434/v1", "llama3", true},
		{"model alone", "", "", "gpt-4o-mini", false},
		{"key without model", "sk-0123456789abcdef", "", "", false},
		{"nothing", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			c.LLM.APIKey, c.LLM.BaseURL, c.LLM.Model = tt.key, tt.url, tt.mod
			if got := c.LLMEnabled(); got != tt.want {
				t.Errorf("LLMEnabled() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLLMSettingsThatLeaveItOffAreWarned(t *testing.T) {
	_, r := mustLoad(t, Options{Env: []string{"OPENAI_API_KEY=sk-0123456789abcdefghij"}})
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "OPENAI_MODEL is not") {
		t.Errorf("warnings = %q", r.Warnings)
	}
	_, r = mustLoad(t, Options{Env: []string{"OPENAI_MODEL=gpt-4o-mini"}})
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "neither OPENAI_API_KEY nor OPENAI_BASE_URL") {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

// --- normalization ---

func TestValuesAreNormalized(t *testing.T) {
	c, r := mustLoad(t, Options{Env: []string{
		"DISCORD_API_URL=https://example.com/api/v10/",
		"OPENAI_BASE_URL=http://localhost:11434/v1/",
		"DISCORD_MODE=HTTP",
		"DISCORD_PUBLIC_KEY=" + strings.Repeat("AB", 32),
		"HTTP_ADDR=:8080",
		"LOG_LEVEL=WARN",
		"MODERATOR_ROLE_IDS= 323456789012345678 , ,423456789012345678,323456789012345678",
		"KNOWLEDGE_WATCH=yes",
		"KNOWLEDGE_FILE=/k.yaml",
	}})
	if c.Discord.APIURL != "https://example.com/api/v10" || c.LLM.BaseURL != "http://localhost:11434/v1" {
		t.Errorf("trailing slashes kept: %q %q", c.Discord.APIURL, c.LLM.BaseURL)
	}
	if c.Discord.Mode != ModeHTTP || len(c.Discord.PublicKey) != 32 || c.Log.Level != slog.LevelWarn || !c.Knowledge.Watch {
		t.Errorf("mode %q key %d level %v watch %v", c.Discord.Mode, len(c.Discord.PublicKey), c.Log.Level, c.Knowledge.Watch)
	}
	if want := []string{"323456789012345678", "423456789012345678"}; !reflect.DeepEqual(c.Moderation.RoleIDs, want) {
		t.Errorf("RoleIDs = %q, want %q", c.Moderation.RoleIDs, want)
	}
	if e, _ := r.Lookup("DISCORD_PUBLIC_KEY"); e.Value != strings.Repeat("ab", 32) {
		t.Errorf("report public key %q", e.Value)
	}
}

// --- validation messages ---

func TestEachBadValueIsReportedWithSourceValueAndFix(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want string // the whole problem line
	}{
		{"duration without unit", []string{"OPENAI_TIMEOUT=20"},
			`OPENAI_TIMEOUT (from env): bad value "20": missing a unit; write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m`},
		{"bad duration", []string{"SHUTDOWN_TIMEOUT=ten seconds"},
			`SHUTDOWN_TIMEOUT (from env): bad value "ten seconds": not a duration; write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m`},
		{"timeout too long", []string{"OPENAI_TIMEOUT=11m"},
			`OPENAI_TIMEOUT (from env): bad value "11m": must be at most 10m0s; write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m`},
		{"zero timeout", []string{"OPENAI_TIMEOUT=0s"},
			`OPENAI_TIMEOUT (from env): bad value "0s": must be greater than 0; write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m`},
		{"negative history ttl", []string{"LLM_HISTORY_TTL=-1m"},
			`LLM_HISTORY_TTL (from env): bad value "-1m": must not be negative; write a Go duration with a unit, such as 500ms, 20s, 10m or 1h30m`},
		{"URL without scheme", []string{"DISCORD_API_URL=discord.com/api/v10"},
			`DISCORD_API_URL (from env): bad value "discord.com/api/v10": must start with http:// or https://; write an absolute http:// or https:// URL such as https://example.com/v1`},
		{"URL with another scheme", []string{"OPENAI_BASE_URL=ftp://example.com"},
			`OPENAI_BASE_URL (from env): bad value "ftp://example.com": must start with http:// or https://; write an absolute http:// or https:// URL such as https://example.com/v1`},
		{"URL without host", []string{"OPENAI_BASE_URL=http:///v1"},
			`OPENAI_BASE_URL (from env): bad value "http:///v1": has no host; write an absolute http:// or https:// URL such as https://example.com/v1`},
		{"snowflake with letters", []string{"DISCORD_GUILD_ID=my-server"},
			`DISCORD_GUILD_ID (from env): bad value "my-server": not a Discord ID: IDs are digits only; turn on Developer Mode in Discord, right-click the server → Copy Server ID`},
		{"snowflake too short", []string{"DISCORD_APPLICATION_ID=12345"},
			`DISCORD_APPLICATION_ID (from env): bad value "12345": not a Discord ID: IDs have 17 to 20 digits, this has 5; copy the Application ID from the developer portal (General Information)`},
		{"bad role ID in list", []string{"MODERATOR_ROLE_IDS=323456789012345678,admins"},
			`MODERATOR_ROLE_IDS (from env): bad value "323456789012345678,admins": role ID "admins": not a Discord ID: IDs are digits only; right-click each role with Developer Mode on → Copy Role ID, and separate them with commas`},
		{"http mode without public key", []string{"DISCORD_MODE=http", "HTTP_ADDR=:8080"},
			`DISCORD_PUBLIC_KEY (from default): bad value "": required when DISCORD_MODE=http, to verify that requests come from Discord; copy the Public Key from the developer portal (General Information), or set DISCORD_MODE=gateway`},
		{"http mode without listener", []string{"DISCORD_MODE=http", "DISCORD_PUBLIC_KEY=" + strings.Repeat("ab", 32)},
			`HTTP_ADDR (from default): bad value "": required when DISCORD_MODE=http, to receive interactions; set it to the address your Interactions Endpoint URL reaches, e.g. :8080, or set DISCORD_MODE=gateway`},
		{"unknown mode", []string{"DISCORD_MODE=websocket"},
			`DISCORD_MODE (from env): bad value "websocket": unknown mode; use gateway or http`},
		{"public key not hex", []string{"DISCORD_PUBLIC_KEY=not-a-key"},
			`DISCORD_PUBLIC_KEY (from env): bad value "not-a-key": not an Ed25519 public key: need 64 hexadecimal characters, got 9 characters; copy the Public Key from the developer portal (General Information)`},
		{"watch without file", []string{"KNOWLEDGE_WATCH=true"},
			`KNOWLEDGE_WATCH (from env): bad value "true": requires KNOWLEDGE_FILE: the embedded knowledge never changes; set KNOWLEDGE_FILE to the file to watch, or set KNOWLEDGE_WATCH=false`},
		{"bad boolean", []string{"RATE_LIMIT_ENABLED=maybe"},
			`RATE_LIMIT_ENABLED (from env): bad value "maybe": not a boolean; write true or false`},
		{"shard id equal to count", []string{"DISCORD_SHARD_ID=2", "DISCORD_SHARD_COUNT=2"},
			`DISCORD_SHARD_ID (from env): bad value "2": must be less than DISCORD_SHARD_COUNT (2); shard ids run from 0 to 1; raise DISCORD_SHARD_COUNT or lower DISCORD_SHARD_ID`},
		{"negative shard id", []string{"DISCORD_SHARD_ID=-1"},
			`DISCORD_SHARD_ID (from env): bad value "-1": must not be negative; shard ids run from 0 to DISCORD_SHARD_COUNT-1`},
		{"zero shard count", []string{"DISCORD_SHARD_COUNT=0"},
			`DISCORD_SHARD_COUNT (from env): bad value "0": must be between 1 and 65536; write a whole number from 1 to 65536`},
		{"temperature above 2", []string{"OPENAI_TEMPERATURE=2.5"},
			`OPENAI_TEMPERATURE (from env): bad value "2.5": must be between 0 and 2; write a number such as 0.2`},
		{"temperature not a number", []string{"OPENAI_TEMPERATURE=warm"},
			`OPENAI_TEMPERATURE (from env): bad value "warm": not a number; write a decimal number such as 0.5`},
		{"zero rate", []string{"RATE_LIMIT_PER_MINUTE=0"},
			`RATE_LIMIT_PER_MINUTE (from env): bad value "0": must be greater than 0; write a rate such as 6 or 0.5; set RATE_LIMIT_ENABLED=false to turn the limit off`},
		{"zero burst", []string{"RATE_LIMIT_BURST=0"},
			`RATE_LIMIT_BURST (from env): bad value "0": must be between 1 and 1000; write a whole number from 1 to 1000`},
		{"burst not a number", []string{"RATE_LIMIT_BURST=three"},
			`RATE_LIMIT_BURST (from env): bad value "three": not a whole number; write digits only, such as 3`},
		{"question length too small", []string{"MAX_QUESTION_LENGTH=5"},
			`MAX_QUESTION_LENGTH (from env): bad value "5": must be between 10 and 4000; write a whole number from 10 to 4000`},
		{"question length too large", []string{"MAX_QUESTION_LENGTH=5000"},
			`MAX_QUESTION_LENGTH (from env): bad value "5000": must be between 10 and 4000; write a whole number from 10 to 4000`},
		{"zero max tokens", []string{"OPENAI_MAX_TOKENS=0"},
			`OPENAI_MAX_TOKENS (from env): bad value "0": must be between 1 and 32768; write a whole number from 1 to 32768`},
		{"negative history turns", []string{"LLM_HISTORY_TURNS=-1"},
			`LLM_HISTORY_TURNS (from env): bad value "-1": must be between 0 and 50; write a whole number from 0 to 50`},
		{"address without port", []string{"HTTP_ADDR=localhost"},
			`HTTP_ADDR (from env): bad value "localhost": not a host:port address; write host:port such as :8080 or 127.0.0.1:8080`},
		{"port out of range", []string{"HTTP_ADDR=:99999"},
			`HTTP_ADDR (from env): bad value ":99999": the port must be a number from 0 to 65535; write host:port such as :8080 or 127.0.0.1:8080`},
		{"unknown log level", []string{"LOG_LEVEL=verbose"},
			`LOG_LEVEL (from env): bad value "verbose": unknown level; use debug, info, warn or error`},
		{"unknown log format", []string{"LOG_FORMAT=xml"},
			`LOG_FORMAT (from env): bad value "xml": unknown format; use text or json`},
		{"attachment cap zero", []string{"ATTACHMENT_MAX_BYTES=0"},
			`ATTACHMENT_MAX_BYTES (from env): bad value "0": must be between 1 and 1073741824 (1 GiB); write a size in bytes such as 1048576 (1 MiB)`},
		{"attachment cap with unit", []string{"ATTACHMENT_MAX_BYTES=1MB"},
			`ATTACHMENT_MAX_BYTES (from env): bad value "1MB": not a whole number of bytes; write a number such as 1048576 (1 MiB)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := loadErr(t, Options{Env: tt.env})
			if len(e.Problems) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(e.Problems), e)
			}
			if got := e.Problems[0].String(); got != tt.want {
				t.Errorf("problem:\n got %s\nwant %s", got, tt.want)
			}
			if got := e.Error(); got != "invalid settings: "+tt.want {
				t.Errorf("Error() = %q", got)
			}
		})
	}
}

func TestAllProblemsAreReportedAtOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "timelinebot.yaml", "log_levle: debug\n")
	e, r := loadErr(t, Options{Dir: dir, Env: []string{
		"OPENAI_TIMEOUT=soon", "DISCORD_GUILD_ID=abc", "OPENAI_TEMPERATURE=3", "KNOWLEDGE_WATCH=true", "DISCORD_MODE=http", "HTTP_ADDR=:1",
	}})
	var names []string
	for _, p := range e.Problems {
		names = append(names, p.Setting)
	}
	want := []string{"", "OPENAI_TIMEOUT", "DISCORD_GUILD_ID", "OPENAI_TEMPERATURE", "DISCORD_PUBLIC_KEY", "KNOWLEDGE_WATCH"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("problems for %q, want %q\n%v", names, want, e)
	}
	if !strings.HasPrefix(e.Error(), "invalid settings (6 problems):\n  - ") {
		t.Errorf("Error() = %q", e.Error())
	}
	if en, _ := r.Lookup("OPENAI_TIMEOUT"); !en.Invalid || en.Value != "soon" || en.Source.Kind != SourceEnv {
		t.Errorf("report entry for a rejected value: %+v", en)
	}
}

func TestValidateReportsValuesSetInCode(t *testing.T) {
	c := Default()
	c.RateLimit.Burst = 0
	c.Discord.Mode = ModeHTTP
	c.HTTP.Addr = ":8080"
	err := c.Validate()
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != 2 {
		t.Fatalf("Validate() = %v, want 2 problems", err)
	}
	if got := e.Problems[0].String(); !strings.HasPrefix(got, `RATE_LIMIT_BURST (from code): bad value "0": must be between 1 and 1000`) {
		t.Errorf("problem = %s", got)
	}
}

// --- config file ---

func TestUnknownConfigFileKeysAreErrorsWithSuggestions(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"misspelled key", "discord_tokn: abc\n", `unknown key "discord_tokn"; did you mean "discord_token"?`},
		{"flag spelling", "rate-limit-burst: 4\n", `unknown key "rate-limit-burst"; did you mean "rate_limit_burst"?`},
		{"nested group", "discord:\n  token: abc\n", `unknown key "discord.token"; did you mean "discord_token"?`},
		{"dropped word", "openai_key: abc\n", `unknown key "openai_key"; did you mean "openai_api_key"?`},
		{"nothing close", "favourite_colour: red\n", `unknown key "favourite_colour"; remove it or correct its spelling; keys are listed in .env.example in lower case`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, dir, "timelinebot.yaml", tt.yaml)
			e, _ := loadErr(t, Options{Dir: dir})
			if want := "config file " + path + ": " + tt.want; len(e.Problems) != 1 || e.Problems[0].String() != want {
				t.Errorf("problems %v\nwant %s", e.Problems, want)
			}
		})
	}
}

func TestConfigFileFromFlagIsResolvedAgainstDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "timelinebot.yaml", "rate_limit_burst: 4\n")
	p := writeFile(t, dir, "conf/prod.json", `{"rate_limit_burst": 5, "knowledge_file": "k.yaml", "moderator_role_ids": ["323456789012345678"]}`)
	c, r := mustLoad(t, Options{Dir: dir, Flags: parsedFlags(t, "--config", "conf/prod.json")})
	if c.RateLimit.Burst != 5 || r.ConfigFile != p {
		t.Errorf("Burst %d from %q; want 5 from %q (the default file must not be read)", c.RateLimit.Burst, r.ConfigFile, p)
	}
	if want := filepath.Join(dir, "conf", "k.yaml"); c.Knowledge.File != want {
		t.Errorf("KNOWLEDGE_FILE from config file = %q, want %q (relative to the config file)", c.Knowledge.File, want)
	}
	if !reflect.DeepEqual(c.Moderation.RoleIDs, []string{"323456789012345678"}) {
		t.Errorf("RoleIDs = %q", c.Moderation.RoleIDs)
	}
}

func TestConfigFileAcceptsYAMLTypes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "timelinebot.yaml", `
DISCORD_GUILD_ID: 123456789012345678
moderator_role_ids: [323456789012345678, "423456789012345678"]
knowledge_watch: true
knowledge_file: /srv/k.yaml
openai_temperature: 1
openai_timeout: 1m
rate_limit_per_minute: 0.5
`)
	c, _ := mustLoad(t, Options{Dir: dir})
	if c.Discord.GuildID != "123456789012345678" || len(c.Moderation.RoleIDs) != 2 || !c.Knowledge.Watch ||
		c.LLM.Temperature != 1 || c.LLM.Timeout != time.Minute || c.RateLimit.PerMinute != 0.5 {
		t.Errorf("config = %+v", c)
	}
}

func TestConfigFileProblems(t *testing.T) {
	tests := []struct{ name, file, content, args, want string }{
		{"missing --config file", "", "", "--config=nope.yaml", `no such file; check the path given to --config`},
		{"syntax error", "timelinebot.yaml", "discord_token: [unclosed\n", "", `cannot parse it: `},
		{"unsupported extension", "conf.ini", "x=1", "--config=conf.ini", `unsupported config file type; name it with a .yaml, .yml, .json or .toml extension`},
		{"list for a single value", "timelinebot.yaml", "log_level: [debug, info]\n", "", `LOG_LEVEL (from `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.file != "" {
				writeFile(t, dir, tt.file, tt.content)
			}
			opts := Options{Dir: dir}
			if tt.args != "" {
				opts.Flags = parsedFlags(t, tt.args)
			}
			e, _ := loadErr(t, opts)
			if !strings.Contains(e.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", e, tt.want)
			}
		})
	}
}

func TestAValueOverriddenByAHigherSourceIsNotAProblem(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "timelinebot.yaml", "log_level: [debug]\n")
	writeFile(t, dir, ".env", "RATE_LIMIT_BURST=zero\n")
	c, _ := mustLoad(t, Options{Dir: dir, Env: []string{"LOG_LEVEL=debug", "RATE_LIMIT_BURST=2"}})
	if c.Log.Level != slog.LevelDebug || c.RateLimit.Burst != 2 {
		t.Errorf("config = %+v", c)
	}
}

// --- .env ---

func TestDotEnvUnknownVariables(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, ".env", "# settings\nCOMPOSE_PROJECT_NAME=bot\nDISCORD_TOKN=abc\nDISCORD_WEBHOOK=x\n")
	e, r := loadErr(t, Options{Dir: dir})
	want := ".env file " + p + `: line 3: unknown variable "DISCORD_TOKN"; did you mean "DISCORD_TOKEN"?`
	if len(e.Problems) != 1 || e.Problems[0].String() != want {
		t.Errorf("problems %v\nwant %s", e.Problems, want)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "DISCORD_WEBHOOK is not a timelinebot setting") {
		t.Errorf("warnings %q", r.Warnings)
	}
}

func TestMisspelledEnvironmentVariablesAreWarnedNotRejected(t *testing.T) {
	_, r := mustLoad(t, Options{Env: []string{"DISCORD_BOT_TOKEN=abc", "HOME=/root", "HTTP_PROXY=http://p"}})
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "DISCORD_BOT_TOKEN") || !strings.Contains(r.Warnings[0], "did you mean DISCORD_TOKEN?") {
		t.Errorf("warnings %q", r.Warnings)
	}
}

func TestDotEnvSyntax(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"plain", "OPENAI_MODEL=gpt-4o-mini", "gpt-4o-mini"},
		{"export prefix", "export OPENAI_MODEL=gpt-4o-mini", "gpt-4o-mini"},
		{"spaces around", "  OPENAI_MODEL = gpt-4o-mini  ", "gpt-4o-mini"},
		{"double quotes with escapes", `OPENAI_MODEL="a \"b\" #c"`, `a "b" #c`},
		{"single quotes are literal", `OPENAI_MODEL='a\n $X'`, `a\n $X`},
		{"trailing comment", "OPENAI_MODEL=gpt-4o # the model", "gpt-4o"},
		{"hash inside value", "OPENAI_MODEL=a#b", "a#b"},
		{"no variable expansion", "OPENAI_MODEL=${HOME}", "${HOME}"},
		{"CRLF line ending", "OPENAI_MODEL=x\r", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, ".env", "\uFEFF# comment\n\n"+tt.line+"\n")
			c, r := mustLoad(t, Options{Dir: dir})
			if c.LLM.Model != tt.want {
				t.Errorf("OPENAI_MODEL = %q, want %q", c.LLM.Model, tt.want)
			}
			if source(t, r, "OPENAI_MODEL").Kind != SourceDotEnv {
				t.Error("source is not .env")
			}
		})
	}
}

func TestDotEnvSyntaxErrorsNameTheLine(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, ".env", "OPENAI_MODEL=ok\njust some words\nOPENAI_API_KEY=\"unterminated\n")
	e, _ := loadErr(t, Options{Dir: dir})
	want := []string{
		".env file " + p + ": line 2: not a KEY=VALUE line; write NAME=value, with # before comments",
		".env file " + p + ": line 3: OPENAI_API_KEY: unterminated double quote; close the quote on the same line",
	}
	var got []string
	for _, pr := range e.Problems {
		got = append(got, pr.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
}

// --- secrets ---

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"short", "****"},
		{"fifteen-chars-x", "****"},
		{"MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcd", "…abcd"},
		{"sk-proj-0123456789abcdefWXYZ", "sk-…WXYZ"},
		{"non-ascii-secret-é-long-enough", "****"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSecretsNeverAppearInErrorsReportsOrLogs(t *testing.T) {
	// A distinctive secret: any leak shows its middle.
	const middle = "ZEBRAPINEAPPLEQUOKKA"
	token := "MTIz" + middle + "tokn"
	key := "sk-" + middle + "kkey"
	leaks := func(t *testing.T, what, out string) {
		t.Helper()
		for i := 0; i+6 <= len(middle); i++ {
			if strings.Contains(out, middle[i:i+6]) {
				t.Fatalf("%s leaks the secret:\n%s", what, out)
			}
		}
	}

	t.Run("valid secrets in report, String and LogValue", func(t *testing.T) {
		c, r := mustLoad(t, Options{Env: []string{"DISCORD_TOKEN=Bot " + token, "OPENAI_API_KEY=" + key, "OPENAI_MODEL=m"}})
		var buf bytes.Buffer
		if err := r.Write(&buf); err != nil {
			t.Fatal(err)
		}
		leaks(t, "Report.Write", buf.String())
		if !strings.Contains(buf.String(), "…tokn") || !strings.Contains(buf.String(), "sk-…kkey") {
			t.Errorf("report should show redacted secrets:\n%s", buf.String())
		}
		leaks(t, "String", c.String())
		for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
			buf.Reset()
			slog.New(h).Info("starting", "config", c)
			leaks(t, "LogValue", buf.String())
			if !strings.Contains(buf.String(), "discord_token") {
				t.Errorf("log output lacks settings: %s", buf.String())
			}
		}
	})

	t.Run("invalid secrets in errors", func(t *testing.T) {
		bad := []Options{
			{Env: []string{"DISCORD_TOKEN=" + token + " x", "OPENAI_API_KEY=\"" + key + "\""}},
			{Flags: parsedFlags(t, "--discord-token="+token[:10]+"\t"+token[10:])},
		}
		dir := t.TempDir()
		writeFile(t, dir, "timelinebot.yaml", "discord_token: ["+token+"]\nopenai_api_key: {k: "+key+"}\n")
		bad = append(bad, Options{Dir: dir})
		dir2 := t.TempDir()
		writeFile(t, dir2, ".env", "DISCORD_TOKEN "+token+"\nOPENAI_API_KEY=\""+key+"\n"+token+"\n")
		bad = append(bad, Options{Dir: dir2})
		for i, opts := range bad {
			e, r := loadErr(t, opts)
			leaks(t, "error", e.Error())
			var buf bytes.Buffer
			r.Write(&buf)
			leaks(t, "report of invalid settings", buf.String())
			if i == 0 && !strings.Contains(e.Error(), `DISCORD_TOKEN (from env): bad value "…kn x"`) {
				t.Errorf("error should show the redacted token: %v", e)
			}
		}
	})
}

// --- report ---

func TestReportWriteShowsAlignedValuesAndSources(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "timelinebot.yaml", "log_format: json\n")
	env := writeFile(t, dir, ".env", "LOG_LEVEL=debug\n")
	_, r := mustLoad(t, Options{Dir: dir, Env: []string{"OPENAI_MODEL=gpt-4o-mini"}, Flags: parsedFlags(t, "--http-addr=:8080")})
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(out, "\n")
	if lines[0] != "config file:  "+cfg || lines[1] != ".env file:    "+env || lines[2] != "" {
		t.Errorf("header:\n%s", strings.Join(lines[:3], "\n"))
	}
	header := lines[3]
	valueCol, sourceCol := strings.Index(header, "VALUE"), strings.Index(header, "SOURCE")
	if !strings.HasPrefix(header, "SETTING ") || valueCol < 0 || sourceCol < valueCol {
		t.Fatalf("table header %q", header)
	}
	want := map[string][2]string{
		"LOG_FORMAT":      {"json", cfg},
		"LOG_LEVEL":       {"debug", ".env"},
		"OPENAI_MODEL":    {"gpt-4o-mini", "env"},
		"HTTP_ADDR":       {":8080", "flag"},
		"DISCORD_TOKEN":   {"-", "default"},
		"OPENAI_TIMEOUT":  {"20s", "default"},
		"DISCORD_API_URL": {"https://discord.com/api/v10", "default"},
	}
	rows := 0
	for _, l := range lines[4:] {
		if l == "" {
			break
		}
		rows++
		name := strings.Fields(l)[0]
		if w, ok := want[name]; ok {
			if got := strings.TrimSpace(l[valueCol:sourceCol]); got != w[0] {
				t.Errorf("%s value column %q, want %q", name, got, w[0])
			}
			if got := l[sourceCol:]; got != w[1] {
				t.Errorf("%s source column %q, want %q", name, got, w[1])
			}
		}
	}
	if rows != len(settings) {
		t.Errorf("%d rows, want %d", rows, len(settings))
	}
	if !strings.Contains(out, "\nwarnings:\n  - OPENAI_MODEL is set but neither") {
		t.Errorf("warnings missing:\n%s", out)
	}
}

func TestConfigStringListsSettingsAsKeyValue(t *testing.T) {
	s := Default().String()
	for _, want := range []string{"discord_token= ", "discord_mode=gateway", "openai_timeout=20s", "log_level=info", "rate_limit_per_minute=6"} {
		if !strings.Contains(s, want) {
			t.Errorf("String() = %q lacks %q", s, want)
		}
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"https://discord.com/api/v10", "https://discord.com/api/v10"},
		{"http://user:SECRET@host/v1", "http://****@host/v1"},
		{"http://SECRET@host", "http://****@host"},
		{"http://user:SEC@RET@host:8080/v1", "http://****@host:8080/v1"},
		{"user:SECRET@host/v1", "****@host/v1"},
		{"http://host/v1?api_key=SECRET", "http://host/v1?api_key=****"},
		{"http://host/v1?api_key=SECRET#frag", "http://host/v1?api_key=****#frag"},
		{"http://u:SECRET@host/v1?token=SECRET&x=1", "http://****@host/v1?token=****&x=1"},
		{"postgres://bot:SECRET@db:5432/tb?sslmode=disable&password=SECRET", "postgres://****@db:5432/tb?sslmode=disable&password=****"},
		{"sqlite:///var/lib/timelinebot/bot.db", "sqlite:///var/lib/timelinebot/bot.db"},
		{"http://host/a@b", "http://host/a@b"}, // an @ in the path is not user-info
		{"ht!tp://u:SECRET@h o st", "ht!tp://****@h o st"},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A password in a URL setting (issue 10, point 11) is rejected, and neither the error, the report
// `timelinebot config` prints, nor String or the log value shows it.
func TestAPasswordInAURLSettingIsNeverShown(t *testing.T) {
	const secret = "HUNTER2SECRETPW"
	t.Run("a valid PostgreSQL URL with a password", func(t *testing.T) {
		c, r := mustLoad(t, Options{Env: []string{"DATABASE_URL=postgres://bot:" + secret + "@db:5432/tb?sslmode=disable"}})
		var buf, logs bytes.Buffer
		if err := r.Write(&buf); err != nil {
			t.Fatal(err)
		}
		slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "config", c)
		for what, out := range map[string]string{"report": buf.String(), "String": c.String(), "log": logs.String()} {
			if strings.Contains(out, secret) || !strings.Contains(out, "postgres://****@db:5432/tb?sslmode=disable") {
				t.Errorf("%s should show the URL with its user-info redacted:\n%s", what, out)
			}
		}
		if c.Database.URL != "postgres://bot:"+secret+"@db:5432/tb?sslmode=disable" {
			t.Errorf("the value used must stay whole: %q", c.Database.URL)
		}
	})
	for _, name := range []string{"OPENAI_BASE_URL", "DISCORD_API_URL", "DATABASE_URL"} {
		t.Run(name, func(t *testing.T) {
			for _, opts := range []Options{
				{Env: []string{name + "=http://user:" + secret + "@host/v1", "OPENAI_MODEL=m"}},
				{Env: []string{name + "=http://host/v1?key=" + secret, "OPENAI_MODEL=m"}},
				{Flags: parsedFlags(t, "--"+strings.ToLower(strings.ReplaceAll(name, "_", "-"))+"=http://"+secret+"@host/v1")},
			} {
				e, r := loadErr(t, opts)
				if !strings.Contains(e.Error(), name) || !strings.Contains(e.Error(), "****") {
					t.Errorf("the error should name %s and show the value redacted: %v", name, e)
				}
				var buf bytes.Buffer
				if err := r.Write(&buf); err != nil {
					t.Fatal(err)
				}
				c := Config{}
				c.LLM.BaseURL = "http://user:" + secret + "@host/v1"
				c.Discord.APIURL = "http://user:" + secret + "@host/v1"
				c.Database.URL = "postgres://bot:" + secret + "@db/tb"
				var logs bytes.Buffer
				slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "config", c)
				for what, out := range map[string]string{"error": e.Error(), "report": buf.String(), "String": c.String(), "log": logs.String()} {
					if strings.Contains(out, secret) {
						t.Errorf("%s shows the URL's secret:\n%s", what, out)
					}
				}
			}
		})
	}
}
