package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Tests of the offline commands: ask, check, init and eval. Golden files under testdata are
// rewritten with `go test ./cmd/timelinebot -run CLI -update`.

func init() {
	// Another test file of this package may define the flag too.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata")
	}
}

func cliUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// cliRun runs the command line in-process with the given environment.
func cliRun(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errw bytes.Buffer
	err = run(context.Background(), args, env, &out, &errw)
	return out.String(), errw.String(), err
}

// cliExit returns the exit status err stands for: 0 for nil, the code of an exitCode, 1 otherwise
// (main prints the error and exits 1).
func cliExit(err error) int {
	var code exitCode
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	}
	return 1
}

func cliGolden(t *testing.T, path, got string) {
	t.Helper()
	if cliUpdate() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update if the change is intended):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestCLIAskPrintsTheAnswerAndEachQuoteWithItsDateAndParagraph(t *testing.T) {
	out, errw, err := cliRun(t, nil, "ask", "What did WikiLeaks ask for on 21 October 2016?")
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	if !strings.HasPrefix(out, "On 21 October 2016: WikiLeaks writes to Trump Jr. and asks") {
		t.Errorf("answer:\n%s", out)
	}
	if !strings.Contains(out, "\n  [2016-10-21, ¶20] «21 octobre 2016: WikiLeaks écrit à Trump Jr. et demande les déclarations d'impôts de Trump.»\n") {
		t.Errorf("citation lines:\n%s", out)
	}
	// A question in several arguments is one question.
	out2, _, _ := cliRun(t, nil, "ask", "What", "did", "WikiLeaks", "ask", "for", "on", "21", "October", "2016?")
	if out2 != out {
		t.Errorf("unquoted question answered differently:\n%s", out2)
	}
	out, _, _ = cliRun(t, nil, "ask", "Que s'est-il passé le 4 juillet 2017 ?")
	if !strings.HasPrefix(out, "La source ne dit rien du 4 juillet 2017.") || strings.Contains(out, "[") {
		t.Errorf("refusal:\n%s", out)
	}
}

func TestCLIAskJSONIsExactlyTheDocumentedObject(t *testing.T) {
	type citation struct {
		EventID   string `json:"event_id"`
		Date      string `json:"date"`
		Quote     string `json:"quote"`
		Paragraph int    `json:"paragraph"`
	}
	type object struct {
		Answered  *bool       `json:"answered"`
		Answer    *string     `json:"answer"`
		Citations *[]citation `json:"citations"`
	}
	datePattern := regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	for _, c := range []struct {
		q        string
		answered bool
	}{
		{"What did WikiLeaks ask for on 21 October 2016?", true},
		{"What happened in June 2016?", true},
		{"What is the capital of Peru?", false},
	} {
		out, errw, err := cliRun(t, nil, "ask", "--json", c.q)
		if err != nil {
			t.Fatalf("%v\n%s", err, errw)
		}
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		var o object
		if err := dec.Decode(&o); err != nil {
			t.Fatalf("%q: %v\n%s", c.q, err, out)
		}
		if dec.More() {
			t.Errorf("%q: more than one JSON value:\n%s", c.q, out)
		}
		if o.Answered == nil || o.Answer == nil || o.Citations == nil {
			t.Fatalf("%q: missing field (citations must be [] rather than absent or null):\n%s", c.q, out)
		}
		if *o.Answered != c.answered || *o.Answer == "" || (len(*o.Citations) > 0) != c.answered {
			t.Errorf("%q: answered=%v with %d citations:\n%s", c.q, *o.Answered, len(*o.Citations), out)
		}
		for _, ct := range *o.Citations {
			if ct.EventID == "" || !datePattern.MatchString(ct.Date) || ct.Quote == "" || ct.Paragraph < 1 {
				t.Errorf("%q: citation %+v", c.q, ct)
			}
		}
		// Quotes are not HTML-escaped: the JSON carries the source's own characters.
		if strings.Contains(out, `\u0026`) || strings.Contains(out, `\u003c`) {
			t.Errorf("%q: HTML-escaped JSON:\n%s", c.q, out)
		}
	}
}

func TestCLIAskWithoutAQuestionShowsUsage(t *testing.T) {
	_, errw, err := cliRun(t, nil, "ask")
	if cliExit(err) != 2 || !strings.Contains(errw, "usage: timelinebot ask") {
		t.Errorf("exit %d:\n%s", cliExit(err), errw)
	}
}

func TestCLIAskReadsKnowledgeFile(t *testing.T) {
	file, _ := filepath.Abs(filepath.Join("..", "..", "answer", "testdata", "harbour.yaml"))
	out, errw, err := cliRun(t, []string{"KNOWLEDGE_FILE=" + file}, "ask", "Who replaced the cable?")
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	if !strings.Contains(out, "Halvard & Sons") || !strings.Contains(out, "[1999-03-04, ¶3]") {
		t.Errorf("answer from KNOWLEDGE_FILE:\n%s", out)
	}
}

func TestCLICheckReportsEveryProblemWithItsLine(t *testing.T) {
	bad := filepath.Join("testdata", "check", "bad-knowledge.yaml")
	out, errw, err := cliRun(t, nil, "check", bad)
	if cliExit(err) != 1 {
		t.Errorf("exit %d, want 1 (%v)", cliExit(err), err)
	}
	if out != "" {
		t.Errorf("stdout: %s", out)
	}
	cliGolden(t, filepath.Join("testdata", "check", "bad-knowledge.golden"), errw)
	// Every problem line is FILE:LINE:COLUMN: ...
	lines := strings.Split(strings.TrimSuffix(errw, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		if !regexp.MustCompile(`^` + regexp.QuoteMeta(bad) + `:\d+:\d+: `).MatchString(l) {
			t.Errorf("line %q is not FILE:LINE:COLUMN: …", l)
		}
	}
}

func TestCLICheckAcceptsAGoodFileAndTheEmbeddedOne(t *testing.T) {
	good := filepath.Join("testdata", "check", "good-knowledge.yaml")
	out, errw, err := cliRun(t, nil, "check", good)
	if err != nil || !strings.HasPrefix(out, good+`: ok — "A chronology without mistakes", 2 events (2 entries, 0 context), 1 anchors, version `) {
		t.Errorf("check good file: %v\n%s%s", err, out, errw)
	}
	out, errw, err = cliRun(t, nil, "check")
	if err != nil || !strings.HasPrefix(out, `embedded: ok — "WikiLeaks' private messages to Donald Trump Jr.", 14 events (9 entries, 5 context), 1 anchors`) {
		t.Errorf("check embedded: %v\n%s%s", err, out, errw)
	}
	// KNOWLEDGE_FILE is what `check` checks when given no file.
	abs, _ := filepath.Abs(good)
	out, _, err = cliRun(t, []string{"KNOWLEDGE_FILE=" + abs}, "check")
	if err != nil || !strings.Contains(out, "A chronology without mistakes") {
		t.Errorf("check KNOWLEDGE_FILE: %v\n%s", err, out)
	}
}

func TestCLICheckUsageAndMissingFile(t *testing.T) {
	if _, errw, err := cliRun(t, nil, "check", "a.yaml", "b.yaml"); cliExit(err) != 2 || !strings.Contains(errw, "usage: timelinebot check") {
		t.Errorf("two files: exit %d\n%s", cliExit(err), errw)
	}
	_, _, err := cliRun(t, nil, "check", filepath.Join(t.TempDir(), "missing.yaml"))
	if cliExit(err) != 1 || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestCLIInitWritesAStartingPointThatChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mine")
	out, errw, err := cliRun(t, nil, "init", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, errw)
	}
	file := filepath.Join(dir, "knowledge.yaml")
	for _, want := range []string{"wrote " + file + "\n", "wrote " + filepath.Join(dir, "source.fr.txt") + "\n", "check it with `timelinebot check " + file + "`"} {
		if !strings.Contains(out, want) {
			t.Errorf("init output lacks %q:\n%s", want, out)
		}
	}
	out, errw, err = cliRun(t, nil, "check", file)
	if err != nil || !strings.HasPrefix(out, file+": ok — ") {
		t.Errorf("check after init: %v\n%s%s", err, out, errw)
	}
	// The copy is the embedded knowledge: same version.
	embedded, _, _ := cliRun(t, nil, "check")
	if v := strings.Fields(out); v[len(v)-1] != strings.Fields(embedded)[len(strings.Fields(embedded))-1] {
		t.Errorf("versions differ:\n%s%s", out, embedded)
	}
	// A non-empty folder is refused, and nothing in it is touched.
	before, _ := os.ReadFile(file)
	_, _, err = cliRun(t, nil, "init", dir)
	if err == nil || !strings.Contains(err.Error(), "is not empty; choose a new or empty folder") {
		t.Errorf("init into a non-empty folder: %v", err)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Errorf("init changed an existing file")
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.md"), []byte("mine"), 0o644)
	if _, _, err := cliRun(t, nil, "init", other); err == nil {
		t.Errorf("init into a folder with other files: no error")
	}
	if _, errw, err := cliRun(t, nil, "init"); cliExit(err) != 2 || !strings.Contains(errw, "usage: timelinebot init DIR") {
		t.Errorf("init without DIR: exit %d\n%s", cliExit(err), errw)
	}
}

func TestCLIEvalPassesTheDevelopmentQuestions(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "eval", "questions.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no development questions at %s (../shared is beside the repository in CI)", path)
	}
	out, errw, err := cliRun(t, nil, "eval", path, "--min-pass", "0.9")
	if err != nil {
		t.Fatalf("%v\n%s%s", err, out, errw)
	}
	for _, want := range []string{"mode: extractive", "by category:", "citation precision: 100.0%", "unanswerable refused: 5/5"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestCLIEvalExitsNonZeroBelowMinPass(t *testing.T) {
	file := filepath.Join(t.TempDir(), "questions.json")
	os.WriteFile(file, []byte(`{"about": "one passes, one cannot", "questions": [
		{"id": "a", "cat": "exact-date", "q": "What happened on 9 November 2016?", "dates": ["2016-11-09"], "any": ["wow"]},
		{"id": "b", "cat": "exact-date", "q": "What happened on 9 November 2016?", "dates": ["1999-01-01"]}
	]}`), 0o644)
	out, errw, err := cliRun(t, nil, "eval", "--min-pass", "0.9", file)
	if cliExit(err) != 1 || !strings.Contains(errw, "pass rate 50.0% is below --min-pass 90.0%") {
		t.Errorf("exit %d:\n%s%s", cliExit(err), out, errw)
	}
	if !strings.Contains(out, "FAIL b [exact-date]") || !strings.Contains(out, "passed: 1/2 (50.0%)") {
		t.Errorf("report:\n%s", out)
	}
	if _, _, err := cliRun(t, nil, "eval", "--min-pass", "0.5", file); err != nil {
		t.Errorf("at --min-pass 0.5: %v", err)
	}
	if _, _, err := cliRun(t, nil, "eval", "--min-pass", "1.5", file); err == nil || !strings.Contains(err.Error(), "between 0 and 1") {
		t.Errorf("--min-pass 1.5: %v", err)
	}
	if _, _, err := cliRun(t, nil, "eval", filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Errorf("missing question file: no error")
	}
}

// A moderator's own questions for their own chronology: KNOWLEDGE_FILE and eval together.
func TestCLIEvalRegressionTestsAnEditedChronology(t *testing.T) {
	file, _ := filepath.Abs(filepath.Join("..", "..", "answer", "testdata", "harbour.yaml"))
	out, errw, err := cliRun(t, []string{"KNOWLEDGE_FILE=" + file}, "eval", "--min-pass", "1", filepath.Join("testdata", "harbour-questions.json"))
	if err != nil || !strings.Contains(out, "passed: 7/7 (100.0%)") {
		t.Errorf("%v\n%s%s", err, out, errw)
	}
}
