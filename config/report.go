package config

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report says, for every setting, its effective value and where it came from.
// `timelinebot config` prints it with Write.
type Report struct {
	// ConfigFile is the path of the config file read, "" if none.
	ConfigFile string
	// DotEnvFile is the path of the .env file read, "" if none.
	DotEnvFile string
	// Entries has one entry per setting, in Table order.
	Entries []Entry
	// Warnings are things that are allowed but probably not what was meant,
	// such as an LLM model without an endpoint, or DISCORD_TOKN in the environment.
	Warnings []string
}

// Entry is one setting's effective value and its source.
type Entry struct {
	Setting Setting
	// Value is the effective value as written in the environment, normalized
	// (e.g. no "Bot " prefix, no trailing slash); secrets are redacted.
	// For an invalid value, it is the value as given (redacted for secrets).
	Value string
	// Source is where Value came from.
	Source Source
	// Invalid is true when the value was rejected (see the error from Load).
	Invalid bool
}

// Lookup returns the entry of the setting named name (e.g. "DISCORD_TOKEN").
func (r *Report) Lookup(name string) (Entry, bool) {
	for _, e := range r.Entries {
		if e.Setting.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// Write prints the files read, an aligned SETTING / VALUE / SOURCE table, and
// the warnings. Unset values show as "-"; secrets are redacted.
func (r *Report) Write(w io.Writer) error {
	file := func(p string) string {
		if p == "" {
			return "(none)"
		}
		return p
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "config file:\t%s\n", file(r.ConfigFile))
	fmt.Fprintf(tw, ".env file:\t%s\n", file(r.DotEnvFile))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE\tSOURCE")
	for _, e := range r.Entries {
		v := e.Value
		if v == "" {
			v = "-"
		}
		src := e.Source.String()
		if e.Invalid {
			src += " (invalid)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Setting.Name, v, src)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w, "\nwarnings:")
		for _, m := range r.Warnings {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	return nil
}
