package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/fakeopenai"
)

const llmTestKey = "sk-cli-test-key-0123456789SECRET"

// runLLM runs the CLI in-process with the LLM pointed at the fake server.
func runLLM(t *testing.T, srv *fakeopenai.Server, extraEnv []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	env := append([]string{
		"OPENAI_BASE_URL=" + srv.BaseURL(),
		"OPENAI_MODEL=fake-model",
		"OPENAI_API_KEY=" + llmTestKey,
	}, extraEnv...)
	var out, errw bytes.Buffer
	err = run(context.Background(), args, env, &out, &errw)
	if strings.Contains(out.String()+errw.String(), llmTestKey) {
		t.Errorf("the API key was printed:\n%s\n%s", out.String(), errw.String())
	}
	return out.String(), errw.String(), err
}

const llmTestQuestion = "What did WikiLeaks ask Trump Jr. to do on 3 October 2016?"

func extractiveAsk(t *testing.T, args ...string) string {
	t.Helper()
	var out, errw bytes.Buffer
	if err := run(context.Background(), append([]string{"ask"}, args...), nil, &out, &errw); err != nil {
		t.Fatalf("ask without LLM: %v\n%s", err, errw.String())
	}
	return out.String()
}

func TestLLMAskUsesTheModel(t *testing.T) {
	srv := fakeopenai.NewTest(t)
	out, stderr, err := runLLM(t, srv, nil, "ask", "--json", llmTestQuestion)
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	var got struct {
		Answered  bool   `json:"answered"`
		Answer    string `json:"answer"`
		Citations []struct {
			Date, Quote string
		} `json:"citations"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !got.Answered || !strings.Contains(got.Answer, "the source says") || !strings.Contains(got.Answer, "[1]") || len(got.Citations) == 0 {
		t.Errorf("want the fake model's answer with citations, got %+v", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Authorization != "Bearer "+llmTestKey || reqs[0].Body.Model != "fake-model" {
		t.Fatalf("requests %+v", reqs)
	}
	if !strings.Contains(stderr, "prompt_tokens=") {
		t.Errorf("token counts not logged:\n%s", stderr)
	}
}

func TestLLMAskNoLLMDoesNotCallTheModel(t *testing.T) {
	srv := fakeopenai.NewTest(t)
	out, stderr, err := runLLM(t, srv, nil, "ask", "--no-llm", llmTestQuestion)
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests to the model with --no-llm", n)
	}
	if want := extractiveAsk(t, llmTestQuestion); out != want {
		t.Errorf("--no-llm output\n%s\nwant the extractive answer\n%s", out, want)
	}
}

// TestLLMAskFallsBack: whatever the model does wrong, `ask` prints the extractive answer and
// succeeds; the log says why.
func TestLLMAskFallsBack(t *testing.T) {
	want := extractiveAsk(t, llmTestQuestion)
	for _, tc := range []struct {
		behavior fakeopenai.Behavior
		env      []string
		log      string
	}{
		{fakeopenai.ServerError, nil, `reason="server error (HTTP 500)"`},
		{fakeopenai.Hang, []string{"OPENAI_TIMEOUT=300ms"}, "reason=timeout"},
		{fakeopenai.UnsentCitation, nil, "model cited passage"},
		{fakeopenai.ObeyInjection, nil, "has no [n] citation"},
	} {
		t.Run(string(tc.behavior), func(t *testing.T) {
			t.Parallel()
			srv := fakeopenai.NewTest(t)
			srv.SetDefault(tc.behavior)
			out, stderr, err := runLLM(t, srv, tc.env, "ask", llmTestQuestion)
			if err != nil {
				t.Fatalf("ask failed (%v): the user must get the extractive answer\n%s", err, stderr)
			}
			if out != want {
				t.Errorf("output\n%s\nwant the extractive answer\n%s", out, want)
			}
			if !strings.Contains(stderr, "llm answer replaced by the extractive answer") || !strings.Contains(stderr, tc.log) {
				t.Errorf("log does not say why:\n%s", stderr)
			}
		})
	}
}

func TestLLMEvalReportsTheMode(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "q.json")
	if err := os.WriteFile(file, []byte(`{"questions":[
		{"id":"a","cat":"exact-date","q":"What did WikiLeaks ask Trump Jr. to do on 3 October 2016?","dates":["2016-10-03"],"any":["promouvoir","promote"]},
		{"id":"b","cat":"unanswerable-date","q":"What happened in 2018?","answerable":false}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := fakeopenai.NewTest(t)
	out, stderr, err := runLLM(t, srv, nil, "eval", "--min-pass", "1", file)
	if err != nil {
		t.Fatalf("eval: %v\n%s\n%s", err, out, stderr)
	}
	if !strings.HasPrefix(out, "mode: llm (fake-model)\n") || !strings.Contains(out, "passed: 2/2") {
		t.Errorf("eval output:\n%s", out)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d model calls, want 1 (the unanswerable question is refused before the model)", n)
	}
	out, _, err = runLLM(t, srv, nil, "eval", "--no-llm", file)
	if err != nil || !strings.HasPrefix(out, "mode: extractive\n") {
		t.Errorf("eval --no-llm: %v\n%s", err, out)
	}
}

// TestLLMEvalDevQuestions scores the dev questions with the fake model through the CLI, at least as
// well as the extractive answerer.
func TestLLMEvalDevQuestions(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "eval", "questions.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("dev questions absent (%s)", path)
	}
	srv := fakeopenai.NewTest(t)
	var base bytes.Buffer
	if err := run(context.Background(), []string{"eval", path}, nil, &base, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runLLM(t, srv, nil, "eval", path)
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "mode: llm (fake-model)") {
		t.Errorf("mode not reported:\n%s", out)
	}
	if g, b := passedLine(out), passedLine(base.String()); g < b {
		t.Errorf("with the fake model %d passed, extractive %d", g, b)
	}
	if strings.Contains(stderr, "replaced by the extractive answer") {
		t.Errorf("model answers were rejected:\n%s", stderr)
	}
}

// passedLine returns N of the report's "passed: N/M" line, -1 when absent.
func passedLine(report string) int {
	for _, l := range strings.Split(report, "\n") {
		if rest, ok := strings.CutPrefix(l, "passed: "); ok {
			n, _, _ := strings.Cut(rest, "/")
			if v, err := strconv.Atoi(n); err == nil {
				return v
			}
		}
	}
	return -1
}
