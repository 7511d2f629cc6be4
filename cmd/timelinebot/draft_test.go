package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/fakeopenai"
)

// Tests of draft, init --from/--empty and timeline: what an author runs between "I have an article"
// and "the bot answers from it".

func TestCLIDraftWritesAKnowledgeFileThatChecksAndAnswers(t *testing.T) {
	cases := []struct{ name, input, ask, want string }{
		{"french plain text", "../../knowledge/seed/source.fr.txt", "Que s'est-il passé le 21 octobre 2016 ?", "déclarations d'impôts"},
		{"english web page", "../../draft/testdata/wikipedia-mozilla.html", "What happened on 24 March 2014?", "Brendan Eich"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "mine")
			out, errw, err := cliRun(t, nil, "draft", "--out", dir, c.input)
			if err != nil {
				t.Fatalf("%v\n%s", err, errw)
			}
			for _, want := range []string{"wrote " + filepath.Join(dir, "knowledge.yaml"), "wrote " + filepath.Join(dir, "source.txt"), "Drafted ", "To review:", "timelinebot check"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			k := filepath.Join(dir, "knowledge.yaml")
			out, errw, err = cliRun(t, nil, "check", k)
			if err != nil || !strings.Contains(out, ": ok — ") {
				t.Fatalf("check: %v\n%s%s", err, out, errw)
			}
			out, errw, err = cliRun(t, []string{"KNOWLEDGE_FILE=" + k}, "ask", c.ask)
			if err != nil || !strings.Contains(out, c.want) {
				t.Errorf("ask %q: %v\n%s%s", c.ask, err, out, errw)
			}
		})
	}
}

func TestCLIDraftRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, content, want string }{
		{"no dates", "Nothing dated here.\n\nNor here.\n", "no dates found"},
		{"empty", "", "the document is empty"},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00", "not a text document"},
		{"no article", "<html><body><nav>menu</nav></body></html>", "no article text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".in")
			if c.name == "no article" {
				in += ".html"
			}
			if err := os.WriteFile(in, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			_, _, err := cliRun(t, nil, "draft", "--out", out, in)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error saying %q", err, c.want)
			}
			if _, statErr := os.Stat(out); statErr == nil {
				t.Errorf("%s was created for input that could not be drafted", out)
			}
		})
	}
	// A file over the limit is refused before it is read whole.
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(9 << 20)
	f.Close()
	if _, _, err := cliRun(t, nil, "draft", "--out", filepath.Join(dir, "big"), big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big file: %v", err)
	}
	// An output folder with files in it is not written into.
	full := filepath.Join(dir, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "keep.txt"), []byte("mine"), 0o644)
	if _, _, err := cliRun(t, nil, "draft", "--out", full, "../../knowledge/seed/source.fr.txt"); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("non-empty --out: %v", err)
	}
}

func TestCLIDraftFlags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	_, errw, err := cliRun(t, nil, "draft", "--out", dir, "--lang", "fr", "--published", "2017-11-13", "../../knowledge/seed/source.fr.txt")
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "knowledge.yaml"))
	for _, want := range []string{"  language: fr\n", "  published: 2017-11-13\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("knowledge.yaml lacks %q", want)
		}
	}
	if _, _, err := cliRun(t, nil, "draft", "--out", dir+"2", "--published", "13/11/2017", "../../knowledge/seed/source.fr.txt"); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad --published: %v", err)
	}
}

func TestCLIInitFromAndEmpty(t *testing.T) {
	base := t.TempDir()
	from := filepath.Join(base, "from")
	out, errw, err := cliRun(t, nil, "init", from, "--from", "../../draft/testdata/post.md")
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	if !strings.Contains(out, "Drafted ") {
		t.Errorf("init --from output:\n%s", out)
	}
	if _, _, err := cliRun(t, nil, "check", filepath.Join(from, "knowledge.yaml")); err != nil {
		t.Errorf("init --from wrote a file that does not check: %v", err)
	}

	empty := filepath.Join(base, "empty")
	if _, errw, err := cliRun(t, nil, "init", empty, "--empty"); err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	data, _ := os.ReadFile(filepath.Join(empty, "knowledge.yaml"))
	if strings.Contains(string(data), "WikiLeaks") || !strings.Contains(string(data), "# ") {
		t.Errorf("init --empty should write a commented skeleton, not the seed:\n%s", data)
	}
	if out, errw, err := cliRun(t, nil, "check", filepath.Join(empty, "knowledge.yaml")); err != nil {
		t.Errorf("the skeleton does not check: %v\n%s%s", err, out, errw)
	}
	if _, _, err := cliRun(t, nil, "init", filepath.Join(base, "both"), "--empty", "--from", "x.txt"); err == nil {
		t.Error("init with both --empty and --from should be refused")
	}
}

func TestCLITimelineListsEventsInARange(t *testing.T) {
	out, errw, err := cliRun(t, nil, "timeline", "--from", "1 October 2016", "--to", "2016-10-31")
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	if !strings.HasPrefix(out, "WikiLeaks' private messages to Donald Trump Jr. — 6 of 14 events\n") {
		t.Errorf("header:\n%s", out)
	}
	for _, want := range []string{"\n3 October 2016 — WikiLeaks asks Trump Jr. to comment on or promote a story  [2016-10-03-promote-story]\n",
		"(context)", "passage(s): ¶"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "September 2016 —") || strings.Contains(out, "November 2016 —") {
		t.Errorf("events outside the range are listed:\n%s", out)
	}
	fr, _, err := cliRun(t, nil, "timeline", "--lang", "fr", "--from", "décembre 2016")
	if err != nil || !strings.Contains(fr, "16 décembre 2016 — ") {
		t.Errorf("French listing: %v\n%s", err, fr)
	}
	if _, _, err := cliRun(t, nil, "timeline", "--from", "someday"); err == nil || !strings.Contains(err.Error(), "not a date") {
		t.Errorf("bad --from: %v", err)
	}
}

func TestCLIDraftWithTheConfiguredModel(t *testing.T) {
	srv := fakeopenai.NewTest(t)
	dir := filepath.Join(t.TempDir(), "llm")
	out, errw, err := runLLM(t, srv, nil, "draft", "--out", dir, "../../knowledge/seed/source.fr.txt")
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	if !strings.Contains(out, "Model: fake-model wrote titles and summaries for ") {
		t.Errorf("output:\n%s", out)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "knowledge.yaml"))
	if !strings.Contains(string(data), `summary: "According to the source: `) {
		t.Errorf("the model's summaries are not in the file")
	}
	if _, _, err := cliRun(t, nil, "check", filepath.Join(dir, "knowledge.yaml")); err != nil {
		t.Errorf("check: %v", err)
	}
	// --no-llm drafts offline: no request reaches the model.
	srv.Reset()
	if _, errw, err := runLLM(t, srv, nil, "draft", "--no-llm", "--out", dir+"-offline", "../../knowledge/seed/source.fr.txt"); err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("--no-llm sent %d requests", n)
	}
}
