package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/config"
	"github.com/timelinebot/timelinebot/draft"
	"github.com/timelinebot/timelinebot/draft/extract"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

func draftFlags(fs *pflag.FlagSet) {
	fs.String("out", "draft", "folder to write knowledge.yaml and source.txt into (new or empty)")
	fs.String("lang", "", "language of the document (ISO 639-1, e.g. en, fr); default: from the page, else guessed")
	fs.String("published", "", "publication date YYYY-MM-DD; default: from the page; relative dates before any other count from it")
	fs.Bool("no-llm", false, "draft offline even if an LLM is configured")
	fs.Bool("inline", false, "put the source text inside knowledge.yaml, so the file stands alone (for /reload file:)")
}

// runDraft drafts a knowledge file from a document: `draft [--out DIR] FILE|-`.
func runDraft(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() != 1 {
		fs.Usage()
		return exitCode(2)
	}
	out, _ := fs.GetString("out")
	return draftInto(ctx, a, fs, cfg, fs.Arg(0), out)
}

func draftInto(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config, in, out string) error {
	data, name, err := readInput(in)
	if err != nil {
		return err
	}
	opts := draft.Options{Name: name}
	opts.Lang, _ = fs.GetString("lang")
	opts.Published, _ = fs.GetString("published")
	if fs.Lookup("inline") != nil {
		opts.InlineSource, _ = fs.GetBool("inline")
	}
	if noLLM, _ := fs.GetBool("no-llm"); !noLLM && cfg.LLMEnabled() {
		opts.Model = newDraftModel(cfg)
	}
	if err := checkEmptyDir(out); err != nil {
		return err
	}
	res, err := draft.Draft(ctx, data, opts)
	if err != nil {
		return fmt.Errorf("draft %s: %w", in, err)
	}
	written, err := writeDraft(out, res)
	if err != nil {
		return err
	}
	for _, p := range written {
		fmt.Fprintln(a.stdout, "wrote", p)
	}
	res.Report.Write(a.stdout)
	k := filepath.Join(out, knowledge.DefaultFile)
	fmt.Fprintf(a.stdout, "\nNext: review %s, then `timelinebot check %s`, `timelinebot timeline %s`, and serve it with KNOWLEDGE_FILE=%s (or upload it with /reload file:). See docs/draft.md.\n", k, k, k, k)
	return nil
}

// readInput reads a file, or standard input for "-", refusing what is too large before reading it
// all.
func readInput(path string) ([]byte, string, error) {
	var r io.Reader
	name := path
	if path == "-" {
		r, name = os.Stdin, ""
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, "", fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, "", fmt.Errorf("%s is a folder; give the document's file", path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, extract.MaxSize+1))
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > extract.MaxSize {
		return nil, "", fmt.Errorf("draft %s: %w", path, extract.ErrTooLarge)
	}
	return data, name, nil
}

func checkEmptyDir(dir string) error {
	switch existing, err := os.ReadDir(dir); {
	case err == nil && len(existing) > 0:
		return fmt.Errorf("%s is not empty; choose a new or empty folder with --out", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w", dir, err)
	}
	return nil
}

func writeDraft(dir string, res *draft.Result) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	k := filepath.Join(dir, knowledge.DefaultFile)
	s := filepath.Join(dir, draft.SourceFile)
	if err := os.WriteFile(s, []byte(res.Source), 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", s, err)
	}
	if err := os.WriteFile(k, res.Knowledge, 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", k, err)
	}
	return []string{k, s}, nil
}

// emptySkeleton is what `init DIR --empty` writes: a commented file that passes check once its one
// event is replaced by real ones.
const emptySkeleton = `# A knowledge file: the chronology the bot answers from. The format is described in
# docs/knowledge-format.md; check the file with ` + "`timelinebot check knowledge.yaml`" + `.
# To start from a document instead, use ` + "`timelinebot draft FILE`" + ` (see docs/draft.md).
format: 1
title: "My timeline"                 # shown by /source and under answers
source:
  path: source.txt                   # the text the events quote, next to this file
  title: "Title of the source document"
  language: en                       # ISO 639-1 code of source.txt
  author: ""                         # optional
  attribution: "Who to credit, and the licence"
  url: ""                            # optional: where the source was published
  # published: 2024-01-31            # optional: publication date
anchors: []                          # optional: named dates, e.g. an election day
  # - id: launch
  #   date: 2024-01-15
  #   names:
  #     en: [the launch, launch day]
  #     fr: [le lancement]
events:
  # Each event: a date (YYYY-MM-DD, YYYY-MM or YYYY), a short title, a summary, and one or more
  # passages copied verbatim from source.txt (only spacing may differ).
  - id: 2024-01-15-example
    date: 2024-01-15
    title: Replace this example with your first event
    summary: What happened, in a sentence or two, supported by the passages.
    # summaries:
    #   fr: Ce qui s'est passé, en une phrase ou deux.
    passages:
      - "Replace this line with a sentence copied from source.txt."
`

const emptySource = `Replace this text with your source document. Paragraphs are separated by blank lines.

Replace this line with a sentence copied from source.txt.
`

// runInit writes a starting point: the embedded chronology, a draft of a document (--from), or a
// commented skeleton (--empty).
func runInit(ctx context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	if fs.NArg() != 1 {
		fs.Usage()
		return exitCode(2)
	}
	dir := fs.Arg(0)
	from, _ := fs.GetString("from")
	empty, _ := fs.GetBool("empty")
	switch {
	case from != "" && empty:
		return errors.New("give either --from FILE or --empty, not both")
	case from != "":
		return draftInto(ctx, a, fs, cfg, from, dir)
	case empty:
		if err := checkEmptyDir(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		k, s := filepath.Join(dir, knowledge.DefaultFile), filepath.Join(dir, "source.txt")
		if err := os.WriteFile(s, []byte(emptySource), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", s, err)
		}
		if err := os.WriteFile(k, []byte(emptySkeleton), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", k, err)
		}
		fmt.Fprintln(a.stdout, "wrote", k)
		fmt.Fprintln(a.stdout, "wrote", s)
		fmt.Fprintf(a.stdout, "Put your text in %s, replace the example event in %s, and check it with `timelinebot check %s`.\n", s, k, k)
		return nil
	}
	written, err := knowledge.WriteDefault(dir)
	if err != nil {
		return err
	}
	for _, p := range written {
		fmt.Fprintln(a.stdout, "wrote", p)
	}
	fmt.Fprintf(a.stdout, "Edit %s, check it with `timelinebot check %s`, and serve it with KNOWLEDGE_FILE=%s.\n",
		written[0], written[0], written[0])
	fmt.Fprintln(a.stdout, "To start from your own document instead: `timelinebot init DIR --from FILE` (or --empty for a blank skeleton).")
	return nil
}

func initFlags(fs *pflag.FlagSet) {
	fs.String("from", "", "draft the knowledge from this document (text, Markdown or saved HTML) instead of copying the embedded one")
	fs.Bool("empty", false, "write a commented skeleton instead of the embedded chronology")
	fs.String("lang", "", "with --from: language of the document")
	fs.String("published", "", "with --from: publication date YYYY-MM-DD")
	fs.Bool("no-llm", false, "with --from: draft offline even if an LLM is configured")
}

// runTimeline lists a knowledge file's events, as /timeline does.
func runTimeline(_ context.Context, a *app, fs *pflag.FlagSet, cfg config.Config) error {
	var t *knowledge.Timeline
	var err error
	switch fs.NArg() {
	case 0:
		t, err = loadKnowledge(cfg)
	case 1:
		t, err = knowledge.LoadFile(fs.Arg(0))
	default:
		fs.Usage()
		return exitCode(2)
	}
	if err != nil {
		return err
	}
	lang, _ := fs.GetString("lang")
	if lang == "" {
		lang = "en"
	}
	span := knowledge.Span{From: -1 << 30, To: 1 << 30}
	for _, side := range []string{"from", "to"} {
		v, _ := fs.GetString(side)
		if v == "" {
			continue
		}
		p := question.Parse(v, t)
		if len(p.Spans) == 0 {
			return fmt.Errorf("--%s %q: not a date; try 2016-10-21, 21 October 2016, October 2016 or 2016", side, v)
		}
		if side == "from" {
			span.From = p.Spans[0].From
		} else {
			span.To = p.Spans[len(p.Spans)-1].To
		}
	}
	if span.From > span.To {
		return errors.New("--from is after --to")
	}
	events := t.InSpan(span)
	fmt.Fprintf(a.stdout, "%s — %d of %d events\n", t.Title, len(events), len(t.Events))
	for _, e := range events {
		sum, _ := e.SummaryIn(lang)
		kind := ""
		if e.Kind == knowledge.KindContext {
			kind = " (context)"
		}
		fmt.Fprintf(a.stdout, "\n%s — %s%s  [%s]\n", answer.FormatDate(e, lang), e.Title, kind, e.ID)
		fmt.Fprintf(a.stdout, "  %s\n", clip(sum, 300))
		paras := make([]string, 0, len(e.Passages))
		for i, p := range e.Passages {
			if i == 0 || p.Paragraph != e.Passages[i-1].Paragraph {
				paras = append(paras, fmt.Sprintf("¶%d", p.Paragraph))
			}
		}
		fmt.Fprintf(a.stdout, "  %d passage(s): %s\n", len(e.Passages), strings.Join(paras, ", "))
	}
	return nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// newDraftModel is the configured LLM, for drafting.
func newDraftModel(cfg config.Config) draft.Model {
	l := cfg.LLM
	return draft.NewOpenAI(draft.OpenAIOptions{BaseURL: l.BaseURL, APIKey: l.APIKey, Model: l.Model, Timeout: l.Timeout, MaxTokens: l.MaxTokens})
}

// botDrafter serves /draft: the draft package, with the configured model when there is one, and the
// source inline so that the moderator can upload the file to /reload file: as it is.
type botDrafter struct{ cfg config.Config }

func (d botDrafter) Draft(ctx context.Context, name string, data []byte) (bot.DraftFiles, error) {
	opts := draft.Options{Name: name, InlineSource: true}
	if d.cfg.LLMEnabled() {
		opts.Model = newDraftModel(d.cfg)
	}
	res, err := draft.Draft(ctx, data, opts)
	if err != nil {
		return bot.DraftFiles{}, err
	}
	var rep strings.Builder
	res.Report.Write(&rep)
	return bot.DraftFiles{Knowledge: res.Knowledge, Source: []byte(res.Source), Report: rep.String()}, nil
}
