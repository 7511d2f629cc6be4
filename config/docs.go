package config

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteEnvExample writes the .env.example file: every variable, grouped, each
// after a comment describing it, set to its default (secrets empty). Copied
// to .env unchanged, it yields the default configuration.
func WriteEnvExample(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`# timelinebot settings. Copy this file to .env and fill in what you need.
# Empty values count as unset. Precedence, highest first: command-line flags,
# the environment, .env, the config file (--config PATH, else timelinebot.yaml),
# defaults. In the config file, keys are these names in lower case
# (discord_token: ...). Run "timelinebot config" to see the effective values.
# Generated from config.Table(); regenerate with: go test ./config -run EnvExample -update
`)
	group := ""
	for _, s := range settings {
		if s.Group != group {
			group = s.Group
			fmt.Fprintf(bw, "\n# --- %s ---\n", group)
		}
		desc := s.Description
		if s.Secret {
			desc += " Secret: never commit it."
		}
		for _, line := range wrap(desc, 78) {
			fmt.Fprintf(bw, "# %s\n", line)
		}
		v := s.Default
		if s.Secret {
			v = ""
		}
		fmt.Fprintf(bw, "%s=%s\n", s.Env, v)
	}
	return bw.Flush()
}

// WriteMarkdown writes the settings as a Markdown table (variable, flag,
// default, meaning), for the README.
func WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("| variable | flag | default | meaning |\n| --- | --- | --- | --- |\n")
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	for _, s := range settings {
		d := "`" + s.Default + "`"
		if s.Default == "" {
			d = "—"
		}
		desc := s.Description
		if s.Secret {
			desc += " **Secret.**"
		}
		fmt.Fprintf(bw, "| `%s` | `--%s` | %s | %s |\n", s.Env, s.Flag, d, esc.Replace(desc))
	}
	return bw.Flush()
}

// wrap splits text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
