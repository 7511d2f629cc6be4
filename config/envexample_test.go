package config

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite ../.env.example from the settings table")

const envExample = "../.env.example"

// TestEnvExampleListsEveryVariable fails when .env.example misses a setting,
// lists one that does not exist, lacks its comment, shows a wrong default, or
// fills in a secret. Run with -update to regenerate the file.
func TestEnvExampleListsEveryVariable(t *testing.T) {
	if *update {
		var buf bytes.Buffer
		if err := WriteEnvExample(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(envExample, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(envExample)
	if err != nil {
		t.Fatalf("%v (run go test ./config -run EnvExample -update to create it)", err)
	}
	vars, errs := parseDotEnv(data)
	if len(errs) != 0 {
		t.Fatalf(".env.example does not parse: %v", errs)
	}
	lines := strings.Split(string(data), "\n")
	listed := map[string]dotEnvVar{}
	for _, v := range vars {
		listed[v.key] = v
	}
	for _, s := range Table() {
		v, ok := listed[s.Env]
		if !ok {
			t.Errorf(".env.example does not list %s; add it (go test ./config -run EnvExample -update)", s.Env)
			continue
		}
		delete(listed, s.Env)
		if v.line < 2 || !strings.HasPrefix(lines[v.line-2], "#") {
			t.Errorf(".env.example: %s (line %d) is not preceded by a comment describing it", s.Env, v.line)
		}
		switch {
		case s.Secret && v.value != "":
			t.Errorf(".env.example: secret %s must be empty", s.Env)
		case !s.Secret && v.value != s.Default:
			t.Errorf(".env.example: %s=%q, but its default is %q", s.Env, v.value, s.Default)
		}
	}
	for k := range listed {
		t.Errorf(".env.example lists %s, which is not a setting", k)
	}
}

func TestEnvExampleCopiedToDotEnvGivesTheDefaults(t *testing.T) {
	data, err := os.ReadFile(envExample)
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	c, _ := mustLoad(t, Options{Dir: dir})
	// The default SQLite file is relative: read from .env it is resolved against the working
	// directory, as Default() leaves it to be.
	if c.Database.URL == "sqlite://"+filepath.Join(dir, "timelinebot.db") {
		c.Database.URL = Default().Database.URL
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("config from .env.example = %+v, want Default()", c)
	}
}

func TestWriteMarkdownHasOneRowPerSetting(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(rows) != len(settings)+2 {
		t.Fatalf("%d lines, want %d", len(rows), len(settings)+2)
	}
	for i, s := range Table() {
		if !strings.HasPrefix(rows[i+2], "| `"+s.Env+"` | `--"+s.Flag+"` |") {
			t.Errorf("row %d = %q", i, rows[i+2])
		}
	}
}
