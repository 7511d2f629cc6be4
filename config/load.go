package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// ConfigFlag is the flag naming the config file.
const ConfigFlag = "config"

// DefaultConfigFile is the config file read from the working directory when
// --config is not given and the file exists.
const DefaultConfigFile = "timelinebot.yaml"

// DotEnvFile is the name of the .env file read from the working directory.
const DotEnvFile = ".env"

// Options are the inputs of Load. The zero value reads only the defaults.
type Options struct {
	// Flags is a flag set on which RegisterFlags was called and that the caller
	// has parsed (its own subcommand flags and positional arguments are its
	// business). Only flags set on the command line count. Nil means no flags.
	Flags *pflag.FlagSet
	// Env is the environment as KEY=VALUE pairs, as from os.Environ. When a
	// key appears twice, the last one wins. Empty values count as unset.
	Env []string
	// Dir is the working directory: .env and timelinebot.yaml are looked for
	// there, and relative paths (--config, KNOWLEDGE_FILE) are resolved
	// against it. "" means no .env nor default config file is read, and
	// relative paths are left as they are.
	Dir string
}

// RegisterFlags adds a flag for every setting (e.g. --discord-token, whose
// usage names its environment variable) and --config to fs. Boolean settings
// may be given as a bare flag (--knowledge-watch) or with =true/=false.
func RegisterFlags(fs *pflag.FlagSet) {
	fs.String(ConfigFlag, "", "config file (YAML, JSON or TOML; default "+DefaultConfigFile+" in the working directory if present)")
	for _, s := range settings {
		usage := s.Description + " (env " + s.Env + ")"
		if s.Secret {
			usage += "; prefer the environment: the command line is visible to other users"
		}
		f := fs.VarPF(&stringValue{s: s.Default}, s.Flag, "", usage)
		if s.Type == "bool" {
			f.NoOptDefVal = "true"
		}
	}
}

// FlagSet returns a new flag set, named name, that returns parse errors
// (pflag.ContinueOnError), with the settings' flags registered.
func FlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	RegisterFlags(fs)
	return fs
}

// stringValue is a pflag.Value holding text, so that every setting is parsed
// (and its errors reported) the same way whatever its source.
type stringValue struct{ s string }

func (v *stringValue) String() string     { return v.s }
func (v *stringValue) Set(s string) error { v.s = s; return nil }
func (v *stringValue) Type() string       { return "string" }

// Load reads every setting from opts' flags, environment, .env file and config
// file, over the defaults, and validates the result. It returns the Config,
// a Report of each value's source (also when there are problems), and an
// *Error listing every problem, or nil. On error the Config holds the defaults
// in place of the values that were rejected; do not serve with it.
func Load(opts Options) (Config, *Report, error) {
	l := &loader{
		opts:    opts,
		origins: make(map[string]origin, len(settings)),
		failed:  map[string]bool{},
		rawErrs: map[string]Problem{},
		report:  &Report{},
	}
	for _, s := range settings {
		l.origins[s.Name] = origin{source: Source{Kind: SourceDefault}, raw: s.Default}
	}
	l.readConfigFile()
	l.readDotEnv()
	l.readEnv()
	l.readFlags()

	var c Config
	for _, s := range settings {
		o := l.origins[s.Name]
		base := opts.Dir
		if o.source.Kind == SourceConfigFile {
			base = filepath.Dir(o.source.Path)
		}
		if p, ok := l.rawErrs[s.Name]; ok && o.source.Kind == SourceConfigFile {
			l.problems = append(l.problems, p)
			l.failed[s.Name] = true
			_ = s.parse(&c, s.Default, "")
			continue
		}
		if err := s.parse(&c, o.raw, base); err != nil {
			var f *fault
			errors.As(err, &f)
			l.problems = append(l.problems, Problem{Setting: s.Name, Source: o.source, Value: s.show(o.raw), What: f.what, Fix: f.fix})
			l.failed[s.Name] = true
			// Keep the default so the rest of the checks see a sane value.
			_ = s.parse(&c, s.Default, "")
		}
	}
	l.problems = append(l.problems, c.validate(l.origins, l.failed)...)

	for _, s := range settings {
		o := l.origins[s.Name]
		e := Entry{Setting: s.Setting, Source: o.source, Value: s.show(s.get(&c))}
		if l.failed[s.Name] {
			e.Value, e.Invalid = s.show(o.raw), true
		}
		l.report.Entries = append(l.report.Entries, e)
	}
	l.warnLLM(&c)
	return c, l.report, problemsErr(l.problems)
}

type loader struct {
	opts     Options
	origins  map[string]origin
	failed   map[string]bool
	problems []Problem
	rawErrs  map[string]Problem // config file values of the wrong shape, by setting
	report   *Report
}

func (l *loader) set(s *setting, src Source, raw string) {
	l.origins[s.Name] = origin{source: src, raw: raw}
}

func (l *loader) fileProblem(src Source, what, fix string) {
	l.problems = append(l.problems, Problem{Source: src, What: what, Fix: fix})
}

func (l *loader) resolve(path string) string {
	if path == "" || filepath.IsAbs(path) || l.opts.Dir == "" {
		return path
	}
	return filepath.Join(l.opts.Dir, path)
}

// readConfigFile reads --config, or timelinebot.yaml in Dir when present, with viper.
func (l *loader) readConfigFile() {
	path := ""
	if f := l.lookupFlag(ConfigFlag); f != nil && f.Changed {
		path = l.resolve(f.Value.String())
		if path == "" {
			return // --config= turns the default config file off
		}
	} else if l.opts.Dir != "" {
		p := filepath.Join(l.opts.Dir, DefaultConfigFile)
		if _, err := os.Stat(p); err != nil {
			return
		}
		path = p
	} else {
		return
	}
	src := Source{Kind: SourceConfigFile, Path: path}
	l.report.ConfigFile = path

	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if !slices.Contains([]string{"yaml", "yml", "json", "toml"}, ext) {
		l.fileProblem(src, "unsupported config file type", "name it with a .yaml, .yml, .json or .toml extension")
		return
	}
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType(ext)
	if err := v.ReadInConfig(); err != nil {
		var pe *fs.PathError
		switch {
		case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
			l.fileProblem(src, "no such file", "check the path given to --config")
		case errors.As(err, &pe):
			l.fileProblem(src, "cannot read it: "+pe.Err.Error(), "check the path and its permissions")
		default:
			l.fileProblem(src, "cannot parse it: "+strings.TrimPrefix(err.Error(), "While parsing config: "), "fix the syntax; keys are the settings' names in lower case, such as discord_token")
		}
		return
	}
	keys := v.AllKeys()
	slices.Sort(keys)
	for _, k := range keys {
		s := settingByKey(k)
		if s == nil {
			l.fileProblem(src, fmt.Sprintf("unknown key %q", k), unknownFix(k, settingKeys(), "remove it or correct its spelling; keys are listed in .env.example in lower case"))
			continue
		}
		raw, err := rawString(v.Get(k), s)
		if err != nil {
			// Reported by Load only if no other source overrides the value.
			var f *fault
			errors.As(err, &f)
			shown := s.show(fmt.Sprint(v.Get(k)))
			l.set(s, src, shown)
			l.rawErrs[s.Name] = Problem{Setting: s.Name, Source: src, Value: shown, What: f.what, Fix: f.fix}
			continue
		}
		if raw = strings.TrimSpace(raw); raw != "" {
			l.set(s, src, raw)
		}
	}
}

// rawString writes a value decoded from a config file as it would be written
// in the environment.
func rawString(v any, s *setting) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []any:
		if s.Type != "snowflakes" {
			return "", bad("a list is not allowed here", "write a single value")
		}
		parts := make([]string, len(v))
		for i, e := range v {
			r, err := rawString(e, s)
			if err != nil {
				return "", err
			}
			parts[i] = r
		}
		return strings.Join(parts, ","), nil
	case map[string]any:
		return "", bad("a mapping is not allowed here", "write a single value")
	case float64:
		if strings.HasPrefix(s.Type, "snowflake") && math.Abs(v) >= 1<<53 {
			return "", bad("this number is too large to be read exactly", "write the ID as a quoted string")
		}
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	}
	return fmt.Sprint(v), nil
}

// readDotEnv reads .env in Dir when present.
func (l *loader) readDotEnv() {
	if l.opts.Dir == "" {
		return
	}
	path := filepath.Join(l.opts.Dir, DotEnvFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	src := Source{Kind: SourceDotEnv, Path: path}
	if err != nil {
		l.fileProblem(src, "cannot read it: "+err.Error(), "check its permissions, or remove it")
		return
	}
	l.report.DotEnvFile = path
	vars, errs := parseDotEnv(data)
	for _, e := range errs {
		l.fileProblem(src, e.what, e.fix)
	}
	for _, kv := range vars {
		s := byName[kv.key]
		if s == nil {
			if sug := suggest(kv.key, settingNames()); sug != "" {
				l.fileProblem(src, fmt.Sprintf("line %d: unknown variable %q", kv.line, kv.key), fmt.Sprintf("did you mean %q?", sug))
			} else if looksOurs(kv.key) {
				l.report.Warnings = append(l.report.Warnings, fmt.Sprintf("%s line %d: %s is not a timelinebot setting and is ignored", path, kv.line, kv.key))
			}
			continue
		}
		if kv.value != "" {
			l.set(s, src, kv.value)
		}
	}
}

// readEnv reads the settings from opts.Env.
func (l *loader) readEnv() {
	env := map[string]string{}
	var order []string
	for _, kv := range l.opts.Env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			continue
		}
		if _, seen := env[k]; !seen {
			order = append(order, k)
		}
		env[k] = v
	}
	for _, k := range order {
		s := byName[k]
		if s == nil {
			if looksOurs(k) {
				if sug := suggest(k, settingNames()); sug != "" {
					l.report.Warnings = append(l.report.Warnings, fmt.Sprintf("environment variable %s is not a timelinebot setting and is ignored; did you mean %s?", k, sug))
				}
			}
			continue
		}
		if v := strings.TrimSpace(env[k]); v != "" {
			l.set(s, Source{Kind: SourceEnv}, v)
		}
	}
}

// readFlags reads the settings' flags that were set. An explicitly empty flag
// (--openai-model=) overrides the other sources with "".
func (l *loader) readFlags() {
	for _, s := range settings {
		if f := l.lookupFlag(s.Flag); f != nil && f.Changed {
			l.set(s, Source{Kind: SourceFlag}, strings.TrimSpace(f.Value.String()))
		}
	}
}

func (l *loader) lookupFlag(name string) *pflag.Flag {
	if l.opts.Flags == nil {
		return nil
	}
	return l.opts.Flags.Lookup(name)
}

// warnLLM notes LLM settings that are set but leave the LLM off.
func (l *loader) warnLLM(c *Config) {
	if c.LLMEnabled() {
		return
	}
	switch {
	case c.LLM.Model == "" && (c.LLM.APIKey != "" || c.LLM.BaseURL != ""):
		l.report.Warnings = append(l.report.Warnings, "OPENAI_API_KEY or OPENAI_BASE_URL is set but OPENAI_MODEL is not: the LLM stays off; set OPENAI_MODEL to turn it on")
	case c.LLM.Model != "":
		l.report.Warnings = append(l.report.Warnings, "OPENAI_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is: the LLM stays off; set one of them to turn it on")
	}
}

// --- names and suggestions ---

func settingByKey(key string) *setting {
	for _, s := range settings {
		if s.Key == key {
			return s
		}
	}
	return nil
}

func settingKeys() []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = s.Key
	}
	return out
}

func settingNames() []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = s.Name
	}
	return out
}

// looksOurs reports whether an unknown variable name starts like one of ours.
func looksOurs(name string) bool {
	for _, p := range []string{"DISCORD_", "OPENAI_", "KNOWLEDGE_", "RATE_LIMIT_", "LLM_", "MODERATOR_", "TIMELINEBOT_"} {
		if strings.HasPrefix(strings.ToUpper(name), p) {
			return true
		}
	}
	return false
}

// suggest returns the candidate closest to name when it is close enough to be
// a likely misspelling, ignoring case and treating '-' and '.' as '_'.
func suggest(name string, candidates []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(s))
	}
	n := norm(name)
	best, bestD := "", math.MaxInt
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(n, norm(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len(best)/3) {
		return best
	}
	return ""
}

func unknownFix(name string, candidates []string, otherwise string) string {
	if s := suggest(name, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return otherwise
}

// --- .env ---

type dotEnvVar struct {
	key, value string
	line       int
}

// parseDotEnv parses a .env file: KEY=VALUE lines, blank lines and # comments,
// an optional "export " prefix, values optionally in single quotes (literal)
// or double quotes (with \n, \t, \", \\ escapes), and " #" comments after
// unquoted values. There is no variable expansion. Errors never quote the
// line, which may hold a secret.
func parseDotEnv(data []byte) ([]dotEnvVar, []fault) {
	var vars []dotEnvVar
	var errs []fault
	text := strings.TrimPrefix(string(data), "\uFEFF")
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || line[0] == '#' {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		key, val, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || !validEnvName(key) {
			errs = append(errs, fault{what: fmt.Sprintf("line %d: not a KEY=VALUE line", n), fix: "write NAME=value, with # before comments"})
			continue
		}
		val, err := dotEnvValue(strings.TrimSpace(val))
		if err != "" {
			errs = append(errs, fault{what: fmt.Sprintf("line %d: %s: %s", n, key, err), fix: "close the quote on the same line"})
			continue
		}
		vars = append(vars, dotEnvVar{key: key, value: val, line: n})
	}
	return vars, errs
}

func validEnvName(k string) bool {
	if k == "" || (k[0] >= '0' && k[0] <= '9') {
		return false
	}
	for _, r := range k {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func dotEnvValue(v string) (string, string) {
	if v == "" {
		return "", ""
	}
	switch v[0] {
	case '\'':
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 || !onlyComment(v[end+2:]) {
			return "", "unterminated single quote"
		}
		return v[1 : end+1], ""
	case '"':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			switch c := v[i]; {
			case c == '\\' && i+1 < len(v):
				i++
				switch v[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				default:
					b.WriteByte(v[i])
				}
			case c == '"':
				if !onlyComment(v[i+1:]) {
					return "", "unexpected text after the closing double quote"
				}
				return b.String(), ""
			default:
				b.WriteByte(c)
			}
		}
		return "", "unterminated double quote"
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	} else if i := strings.Index(v, "\t#"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v), ""
}

func onlyComment(rest string) bool {
	rest = strings.TrimSpace(rest)
	return rest == "" || rest[0] == '#'
}
