package config

import (
	"errors"
	"fmt"
	"strings"
)

// SourceKind says which kind of source a value came from.
type SourceKind int

const (
	// SourceCode marks a value set by a program on a Config (not read by Load).
	SourceCode SourceKind = iota
	// SourceDefault is the setting's default.
	SourceDefault
	// SourceConfigFile is the config file (--config or timelinebot.yaml).
	SourceConfigFile
	// SourceDotEnv is the .env file in the working directory.
	SourceDotEnv
	// SourceEnv is the environment.
	SourceEnv
	// SourceFlag is a command-line flag.
	SourceFlag
)

// Source is where a value came from.
type Source struct {
	Kind SourceKind
	// Path is the file read, for SourceConfigFile and SourceDotEnv.
	Path string
}

// String returns "flag", "env", ".env", the config file's path, "default" or "code".
func (s Source) String() string {
	switch s.Kind {
	case SourceDefault:
		return "default"
	case SourceConfigFile:
		return s.Path
	case SourceDotEnv:
		return ".env"
	case SourceEnv:
		return "env"
	case SourceFlag:
		return "flag"
	}
	return "code"
}

// Problem is one thing wrong with the settings.
type Problem struct {
	// Setting is the setting's Name, or "" for a problem with a file as a whole
	// (unreadable file, unknown key).
	Setting string
	// Source is where the offending value (or key) came from.
	Source Source
	// Value is the offending value as shown to people: secrets are redacted.
	Value string
	// What says what is wrong; Fix says how to fix it.
	What, Fix string
}

// String formats the problem as
// `SETTING (from SOURCE): bad value "VALUE": WHAT; FIX`, or
// `SOURCE: WHAT; FIX` for a problem not about one setting.
func (p Problem) String() string {
	var b strings.Builder
	if p.Setting == "" {
		fmt.Fprintf(&b, "%s: %s", sourceLabel(p.Source), p.What)
	} else {
		fmt.Fprintf(&b, "%s (from %s): bad value %q: %s", p.Setting, p.Source, p.Value, p.What)
	}
	if p.Fix != "" {
		b.WriteString("; ")
		b.WriteString(p.Fix)
	}
	return b.String()
}

func sourceLabel(s Source) string {
	switch s.Kind {
	case SourceConfigFile:
		return "config file " + s.Path
	case SourceDotEnv:
		return ".env file " + s.Path
	case SourceEnv:
		return "environment"
	case SourceFlag:
		return "command line"
	}
	return s.String()
}

// Error lists every problem found in the settings. Load and Validate return it.
type Error struct {
	Problems []Problem
}

// Error lists the problems, one per line after the first when there are several.
func (e *Error) Error() string {
	if len(e.Problems) == 1 {
		return "invalid settings: " + e.Problems[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "invalid settings (%d problems):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// origin is where one setting's value came from and how it was written there.
type origin struct {
	source Source
	raw    string
}

// Validate checks every setting's value and the rules between settings, and
// returns an *Error listing all the problems, or nil. Config values built in
// code are reported as coming from "code".
func (c Config) Validate() error {
	return problemsErr(c.validate(nil, nil))
}

// validate checks c. origins, when known, give each value's source and raw
// text; settings in failed already have a problem and are not checked again.
func (c *Config) validate(origins map[string]origin, failed map[string]bool) []Problem {
	var ps []Problem
	add := func(s *setting, err error) {
		var f *fault
		if !errors.As(err, &f) {
			f = &fault{what: err.Error()}
		}
		o, ok := origins[s.Name]
		if !ok {
			o = origin{source: Source{Kind: SourceCode}, raw: s.get(c)}
		}
		ps = append(ps, Problem{Setting: s.Name, Source: o.source, Value: s.show(o.raw), What: f.what, Fix: f.fix})
		failed[s.Name] = true
	}
	if failed == nil {
		failed = map[string]bool{}
	}
	for _, s := range settings {
		if failed[s.Name] || s.check == nil {
			continue
		}
		if err := s.check(c); err != nil {
			add(s, err)
		}
	}
	for _, r := range rules {
		skip := failed[r.setting]
		for _, n := range r.involves {
			skip = skip || failed[n]
		}
		if skip {
			continue
		}
		if err := r.check(c); err != nil {
			add(byName[r.setting], err)
		}
	}
	return ps
}

func problemsErr(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	return &Error{Problems: ps}
}
