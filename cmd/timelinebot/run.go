package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/eval"
	"github.com/timelinebot/timelinebot/internal/discordtext"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/llm"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// exitCode ends the program with a status and no further message: the command already explained.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// app is what every subcommand gets: where to write, and the process's environment as data.
type app struct {
	stdout, stderr io.Writer
	env            []string
	dir            string
	// report says where each setting came from; nil for commands that read no settings.
	report *config.Report
}

type command struct {
	usage   string
	summary string
	// flags adds the subcommand's own flags; the settings' flags are added for every command.
	flags func(fs *pflag.FlagSet)
	run   func(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error
	// noConfig is set for commands that read no settings, so broken ones do not stop them.
	noConfig bool
	// reportsBadConfig is set for the command that shows the settings: it runs with the report even
	// when settings are invalid, and the problems are returned after it.
	reportsBadConfig bool
}

var commands = map[string]command{
	"ask": {
		usage:   "ask [--json] [--no-llm] QUESTION",
		summary: "answer a question from the knowledge, quoting the source",
		flags: func(fs *pflag.FlagSet) {
			fs.Bool("json", false, `print {"answered","answer","citations"} as JSON`)
			fs.Bool("no-llm", false, "use the embedded extractive answerer even if an LLM is configured")
		},
		run: runAsk,
	},
	"check": {
		usage:   "check [FILE]",
		summary: "validate a knowledge file (default: KNOWLEDGE_FILE, else the embedded one)",
		run:     runCheck,
	},
	"init": {
		usage:    "init DIR [--from FILE | --empty]",
		summary:  "start your own knowledge in DIR: a copy of the embedded one, a draft of a document, or a skeleton",
		flags:    initFlags,
		run:      runInit,
		noConfig: true,
	},
	"draft": {
		usage:   "draft [--out DIR] [--lang CODE] [--published YYYY-MM-DD] FILE|-",
		summary: "draft knowledge.yaml and source.txt from an article (text, Markdown or saved HTML)",
		flags:   draftFlags,
		run:     runDraft,
	},
	"timeline": {
		usage:   "timeline [--from DATE] [--to DATE] [--lang en|fr] [FILE]",
		summary: "list a knowledge file's events, as /timeline does",
		flags: func(fs *pflag.FlagSet) {
			fs.String("from", "", "first date to list")
			fs.String("to", "", "last date to list")
			fs.String("lang", "en", "language of summaries and dates (en or fr)")
		},
		run: runTimeline,
	},
	"eval": {
		usage:   "eval [--min-pass RATE] [--verbose] [--no-llm] FILE",
		summary: "score the answerer on a question file; exit 1 below --min-pass",
		flags: func(fs *pflag.FlagSet) {
			fs.Float64("min-pass", 0, "minimum pass rate, 0..1")
			fs.BoolP("verbose", "v", false, "print every question, not only failures")
			fs.Bool("no-llm", false, "use the embedded extractive answerer even if an LLM is configured")
		},
		run: runEval,
	},
	"serve": {
		usage:   "serve [--mode gateway|http]",
		summary: "run the Discord bot",
		flags:   serveFlags,
		run:     runServe,
	},
	"export": {
		usage:   "export [--since DURATION] [--refused]",
		summary: "print one JSON object per question kept in DATABASE_URL, with its feedback",
		flags:   exportFlags,
		run:     runExport,
	},
	"stats": {
		usage:   "stats [--since DURATION] [--limit N]",
		summary: "print the most asked and most refused questions and the events marked Wrong event most",
		flags:   statsFlags,
		run:     runStats,
	},
	"versions": {
		usage:   "versions [--limit N] [--json]",
		summary: "list the knowledge versions served (kept in DATABASE_URL) and failed reloads",
		flags:   versionsFlags,
		run:     runVersions,
	},
	"admin-link": {
		usage:   "admin-link",
		summary: "print a single-use login link to the moderators' page (/admin/ on HTTP_ADDR), valid 10 minutes",
		run:     runAdminLink,
	},
	"config": {
		usage:            "config",
		summary:          "print the effective settings and where each came from (secrets redacted)",
		run:              runConfig,
		reportsBadConfig: true,
	},
	"version": {
		usage:    "version",
		summary:  "print the version",
		noConfig: true,
		run: func(_ context.Context, a *app, _ *pflag.FlagSet, _ config.Config) error {
			fmt.Fprintln(a.stdout, "timelinebot", version)
			return nil
		},
	},
}

func run(ctx context.Context, args []string, env []string, stdout, stderr io.Writer) error {
	dir, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("find working directory: %w", err)
	}
	a := &app{stdout: stdout, stderr: stderr, env: env, dir: dir}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	name := args[0]
	cmd, ok := commands[name]
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q", name)
	}
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: timelinebot %s\n\n%s\n\nflags:\n%s", cmd.usage, cmd.summary, fs.FlagUsages())
	}
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	if !cmd.noConfig {
		config.RegisterFlags(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil
		}
		return exitCode(2)
	}
	var cfg config.Config
	if !cmd.noConfig {
		c, report, err := config.Load(config.Options{Flags: fs, Env: env, Dir: dir})
		if err != nil && cmd.reportsBadConfig && report != nil {
			report.Write(stdout)
			return err
		}
		if err != nil {
			return err
		}
		for _, w := range report.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
		cfg, a.report = c, report
	}
	return cmd.run(ctx, a, fs, cfg)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "timelinebot answers questions about a chronology, quoting its source verbatim.")
	fmt.Fprintln(w, "\nusage: timelinebot COMMAND [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-52s %s\n", commands[n].usage, commands[n].summary)
	}
	fmt.Fprintln(w, "\nEvery setting can be given as a flag, an environment variable, in .env or in timelinebot.yaml;")
	fmt.Fprintln(w, "see `timelinebot config` and the README. `timelinebot COMMAND --help` lists a command's flags.")
}

// loadKnowledge loads KNOWLEDGE_FILE, or the embedded timeline when it is not set.
func loadKnowledge(cfg config.Config) (*knowledge.Timeline, error) {
	if cfg.Knowledge.File == "" {
		return knowledge.Default()
	}
	return knowledge.LoadFile(cfg.Knowledge.File)
}

func runAsk(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		fs.Usage()
		return exitCode(2)
	}
	t, err := loadKnowledge(cfg)
	if err != nil {
		return err
	}
	noLLM, _ := fs.GetBool("no-llm")
	answerer, _ := newAnswerer(cfg, knowledge.NewStore(t), noLLM, a.stderr)
	ans, err := answerer.Answer(ctx, answer.Question{Text: q})
	if err != nil {
		return fmt.Errorf("answer: %w", err)
	}
	if asJSON, _ := fs.GetBool("json"); asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	writeAnswer(a.stdout, ans)
	return nil
}

// writeAnswer prints an answer for a person: the answer, then each citation with its date and
// paragraph, quoted. The answer's text may be the model's: its control characters are dropped, so
// that an escape sequence it was talked into cannot drive the terminal.
func writeAnswer(w io.Writer, ans answer.Answer) {
	fmt.Fprintln(w, discordtext.Invisible(ans.Text))
	if len(ans.Citations) > 0 {
		fmt.Fprintln(w)
	}
	for _, c := range ans.Citations {
		fmt.Fprintf(w, "  [%s, ¶%d] «%s»\n", c.Date, c.Paragraph, c.Quote)
	}
}

func runCheck(_ context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	var t *knowledge.Timeline
	var err error
	switch {
	case fs.NArg() > 1:
		fs.Usage()
		return exitCode(2)
	case fs.NArg() == 1:
		t, err = knowledge.LoadFile(fs.Arg(0))
	default:
		t, err = loadKnowledge(cfg)
	}
	var verr *knowledge.ValidationError
	if errors.As(err, &verr) {
		for _, line := range verr.Lines() {
			fmt.Fprintln(a.stderr, line)
		}
		fmt.Fprintf(a.stderr, "%d problem(s); nothing was loaded. See docs/knowledge-format.md.\n", len(verr.Problems))
		return exitCode(1)
	}
	if err != nil {
		return err
	}
	entries := len(t.Entries())
	fmt.Fprintf(a.stdout, "%s: ok — %q, %d events (%d entries, %d context), %d anchors, version %s\n",
		t.Origin, t.Title, len(t.Events), entries, len(t.Events)-entries, len(t.Anchors), t.Version)
	return nil
}

func runEval(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() != 1 {
		fs.Usage()
		return exitCode(2)
	}
	minPass, _ := fs.GetFloat64("min-pass")
	if minPass < 0 || minPass > 1 {
		return fmt.Errorf("--min-pass %v: give a rate between 0 and 1, such as 0.9", minPass)
	}
	f, err := eval.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	t, err := loadKnowledge(cfg)
	if err != nil {
		return err
	}
	noLLM, _ := fs.GetBool("no-llm")
	answerer, mode := newAnswerer(cfg, knowledge.NewStore(t), noLLM, a.stderr)
	report, err := eval.Run(ctx, f, answerer, t.Source.Contains, mode)
	if err != nil {
		return err
	}
	verbose, _ := fs.GetBool("verbose")
	report.Write(a.stdout, verbose)
	if report.PassRate() < minPass {
		fmt.Fprintf(a.stderr, "pass rate %.1f%% is below --min-pass %.1f%%\n", 100*report.PassRate(), 100*minPass)
		return exitCode(1)
	}
	return nil
}

func runConfig(_ context.Context, a *app, _ *pflag.FlagSet, _ config.Config) error {
	a.report.Write(a.stdout)
	return nil
}

// newAnswerer returns the answerer the settings ask for, and its mode's name: the LLM answerer
// (an *llm.Answerer, which also streams) when a model is configured and noLLM is false, else the
// embedded extractive engine. The LLM answerer logs to stderr, and falls back to the extractive
// answer whenever the model fails or its answer does not verify.
//
// with, when given, adjusts the model's options (serve shares conversation history through the
// database).
func newAnswerer(cfg config.Config, kb answer.Knowledge, noLLM bool, stderr io.Writer, with ...func(*llm.Options)) (answer.Answerer, string) {
	if noLLM || !cfg.LLMEnabled() {
		return answer.NewEngine(kb), "extractive"
	}
	l := cfg.LLM
	opts := llm.Options{
		BaseURL:      l.BaseURL,
		APIKey:       l.APIKey,
		Model:        l.Model,
		Timeout:      l.Timeout,
		MaxTokens:    l.MaxTokens,
		Temperature:  l.Temperature,
		HistoryTTL:   l.HistoryTTL,
		HistoryTurns: l.HistoryTurns,
	}
	for _, f := range with {
		f(&opts)
	}
	a := llm.New(opts, kb, nil, newLogger(cfg, stderr).With("component", "llm"))
	return a, fmt.Sprintf("llm (%s)", l.Model)
}
