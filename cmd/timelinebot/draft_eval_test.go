package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/timelinebot/timelinebot/internal/fakeopenai"
)

var passedRe = regexp.MustCompile(`(?m)^passed: (\d+)/(\d+)`)

// evalPass runs `timelinebot eval` on a question file against a knowledge file and returns the
// questions passed and asked. With srv, the answers are the fake model's; else extractive.
func evalPass(t *testing.T, srv *fakeopenai.Server, knowledgeFile, questions string) (int, int) {
	t.Helper()
	env := []string{"KNOWLEDGE_FILE=" + knowledgeFile}
	var out, errw string
	var err error
	if srv != nil {
		out, errw, err = runLLM(t, srv, env, "eval", questions)
	} else {
		out, errw, err = cliRun(t, env, "eval", "--no-llm", questions)
	}
	if err != nil {
		t.Fatalf("eval %s on %s: %v\n%s%s", questions, knowledgeFile, err, out, errw)
	}
	m := passedRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no pass count in:\n%s", out)
	}
	p, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	return p, n
}

// TestDraftedKnowledgeAnswersTheQuestionSets is the second measure: the eval pass rate of a
// drafted file on the question sets of the hand-written one, drafted offline and with the (fake)
// model, answered by the extractive engine and by the (fake) model. Target: at least 85% of the
// hand-written file's pass rate. The figures go to docs/benchmarks.md (run with -v).
func TestDraftedKnowledgeAnswersTheQuestionSets(t *testing.T) {
	sets := []struct {
		name, document, handWritten string
		questions                   []string
		// gated says whether the 85% target is enforced: questions-more.json is reported only.
		gated []bool
	}{
		{"seed article", "../../knowledge/seed/source.fr.txt", "../../knowledge/seed/knowledge.yaml",
			[]string{"../../../shared/eval/questions.json", "../../../shared/eval/questions-more.json"}, []bool{true, false}},
		{"wikipedia page", "../../../shared/eval/pages/wikipedia-mozilla.html", "../../../shared/eval/mozilla/knowledge.yaml",
			[]string{"../../../shared/eval/mozilla/questions.json"}, []bool{true}},
		{"new zealand text", "../../eval/testdata/newzealand/source.txt", "../../eval/testdata/newzealand/knowledge.yaml",
			[]string{"../../eval/testdata/newzealand/questions.json"}, []bool{false}},
	}
	srv := fakeopenai.NewTest(t)
	for _, set := range sets {
		dir := t.TempDir()
		offline := filepath.Join(dir, "offline")
		withModel := filepath.Join(dir, "model")
		if _, errw, err := cliRun(t, nil, "draft", "--out", offline, set.document); err != nil {
			t.Fatalf("draft %s: %v\n%s", set.document, err, errw)
		}
		if _, errw, err := runLLM(t, srv, nil, "draft", "--out", withModel, set.document); err != nil {
			t.Fatalf("draft %s with the model: %v\n%s", set.document, err, errw)
		}
		for qi, q := range set.questions {
			for _, answerer := range []struct {
				name string
				srv  *fakeopenai.Server
			}{{"extractive", nil}, {"fake model", srv}} {
				hp, n := evalPass(t, answerer.srv, set.handWritten, q)
				row := fmt.Sprintf("%s, %s, answered by %s: hand-written %d/%d", set.name, filepath.Base(q), answerer.name, hp, n)
				for _, d := range []struct{ name, dir string }{{"drafted offline", offline}, {"drafted with the model", withModel}} {
					p, _ := evalPass(t, answerer.srv, filepath.Join(d.dir, "knowledge.yaml"), q)
					row += fmt.Sprintf("; %s %d/%d (%.0f%% of hand-written)", d.name, p, n, 100*float64(p)/float64(hp))
					if set.gated[qi] && answerer.srv == nil && float64(p) < 0.85*float64(hp) {
						t.Errorf("%s: %s passes %d/%d, below 85%% of the hand-written file's %d", filepath.Base(q), d.name, p, n, hp)
					}
				}
				t.Log(row)
			}
		}
	}
}
