package eval_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/eval"
	"github.com/timelinebot/timelinebot/knowledge"
)

// canned answers each question with a fixed answer.
type canned map[string]answer.Answer

func (c canned) Answer(_ context.Context, q answer.Question) (answer.Answer, error) {
	a, ok := c[q.Text]
	if !ok {
		return answer.Answer{}, errors.New("unexpected question " + q.Text)
	}
	return a, nil
}

func cite(date, quote string) answer.Citation {
	return answer.Citation{EventID: "e-" + date, Date: date, Quote: quote, Paragraph: 1}
}

func TestScoringFollowsTheFilesRules(t *testing.T) {
	no := false
	f := &eval.File{Questions: []eval.Item{
		{ID: "ok", Category: "exact-date", Question: "q-ok", Dates: []string{"2016-10-21"}, Any: []string{"impot"}},
		{ID: "accent", Category: "exact-date", Question: "q-accent", Dates: []string{"2016-10-21"}, Any: []string{"impôt"}},
		{ID: "keyword-missing", Category: "fact", Question: "q-kw", Dates: []string{"2016-10-21"}, Any: []string{"wow"}},
		{ID: "wrong-date", Category: "exact-date", Question: "q-date", Dates: []string{"2016-10-21"}},
		{ID: "min-dates", Category: "range", Question: "q-min", Dates: []string{"2016-11-08", "2016-11-09"}, MinDates: 2},
		{ID: "unfocused", Category: "fact", Question: "q-unfocused", Dates: []string{"2016-10-03"}},
		{ID: "range-may-cite-many", Category: "range", Question: "q-range", Dates: []string{"2016-10-03"}},
		{ID: "not-answered", Category: "fact", Question: "q-not"},
		{ID: "refused", Category: "unanswerable-topic", Question: "q-refused", Answerable: &no},
		{ID: "wrongly-answered", Category: "unanswerable-topic", Question: "q-wrong", Answerable: &no},
		{ID: "fake-quote", Category: "fact", Question: "q-fake", Dates: []string{"2016-10-21"}},
	}}
	real := "WikiLeaks demande les impôts"
	many := []answer.Citation{cite("2016-10-03", real), cite("2016-10-12", real), cite("2016-10-14", real), cite("2016-10-21", real)}
	a := canned{
		"q-ok":        {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-10-21", real)}},
		"q-accent":    {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-10-21", real)}},
		"q-kw":        {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-10-21", real)}},
		"q-date":      {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-10-20", real)}},
		"q-min":       {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-11-08", real)}},
		"q-unfocused": {Answered: true, Text: "x", Citations: many},
		"q-range":     {Answered: true, Text: "x", Citations: many},
		"q-not":       {Answered: false, Text: "no", Citations: []answer.Citation{}},
		"q-refused":   {Answered: false, Text: "no", Citations: []answer.Citation{}},
		"q-wrong":     {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-10-21", real)}},
		"q-fake":      {Answered: true, Text: "x", Citations: []answer.Citation{cite("2016-10-21", "made up")}},
	}
	verbatim := func(q string) bool { return q == real }
	r, err := eval.Run(context.Background(), f, a, verbatim, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"ok": "", "accent": "", "range-may-cite-many": "", "refused": "",
		"keyword-missing":  `none of ["wow"]`,
		"wrong-date":       "cites 2016-10-20; expected at least 1 of 2016-10-21",
		"min-dates":        "expected at least 2 of",
		"unfocused":        "unfocused: cites 4 distinct dates",
		"not-answered":     "not answered",
		"wrongly-answered": "answered, but the source has no answer",
		"fake-quote":       `quote not verbatim in the source: "made up"`,
	}
	for _, o := range r.Outcomes {
		w := want[o.Item.ID]
		if o.Pass != (w == "") || !strings.Contains(o.Why, w) {
			t.Errorf("%s: pass=%v why=%q, want …%s…", o.Item.ID, o.Pass, o.Why, w)
		}
	}
	if got := r.PassRate(); got != 4.0/11 {
		t.Errorf("PassRate = %v", got)
	}
	if r.Quotes != 15 || r.Verbatim != 14 {
		t.Errorf("quotes %d verbatim %d", r.Quotes, r.Verbatim)
	}
	if r.Refused != [2]int{1, 2} {
		t.Errorf("Refused = %v", r.Refused)
	}
	if c := r.ByCat["range"]; c.Passed != 1 || c.Total != 2 {
		t.Errorf("range = %+v", c)
	}
	var out bytes.Buffer
	r.Write(&out, false)
	for _, s := range []string{"mode: test", "FAIL wrong-date [exact-date]", "by category:", "unanswerable refused: 1/2",
		"citation precision: 93.3% (14/15 quotes verbatim)", "passed: 4/11 (36.4%)"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, out.String())
		}
	}
	if strings.Contains(out.String(), "PASS ok") {
		t.Errorf("a passing question is listed without --verbose")
	}
	out.Reset()
	r.Write(&out, true)
	if !strings.Contains(out.String(), "PASS ok [exact-date] q-ok") {
		t.Errorf("verbose report lacks passing questions:\n%s", out.String())
	}
}

func TestRunStopsOnAnAnswererError(t *testing.T) {
	f := &eval.File{Questions: []eval.Item{{ID: "x", Question: "unknown"}}}
	if _, err := eval.Run(context.Background(), f, canned{}, func(string) bool { return true }, "test"); err == nil || !strings.Contains(err.Error(), "question x") {
		t.Errorf("err = %v", err)
	}
}

func TestReadFileExplainsWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		`{"questions": [{"id": "a", "q": "x"}]}`: "",
		`not json`:                               "is not a question file",
		`{"questions": [{"id": "a", "q": "x", "colour": "blue"}]}`: "is not a question file",
		`{"about": "nothing"}`:                   "has no questions",
		`{"questions": [{"id": "a", "q": " "}]}`: `question 1 needs an "id" and a "q"`,
		`{"questions": [{"q": "x"}]}`:            `question 1 needs an "id" and a "q"`,
	}
	i := 0
	for content, want := range cases {
		i++
		path := filepath.Join(dir, "q"+string(rune('a'+i))+".json")
		os.WriteFile(path, []byte(content), 0o644)
		_, err := eval.ReadFile(path)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: err = %v, want …%s…", content, err, want)
		}
	}
	if _, err := eval.ReadFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Errorf("missing file: no error")
	}
}

// The development questions, on the embedded timeline and the extractive answerer: the bar CI sets.
func TestDevelopmentQuestionsPass(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "eval", "questions.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no development questions at %s (../shared is beside the repository in CI)", path)
	}
	f, err := eval.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := eval.Run(context.Background(), f, answer.NewEngine(knowledge.NewStore(tl)), tl.Source.Contains, "extractive")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	r.Write(&out, false)
	if r.PassRate() < 0.9 || r.Precision() != 1 || r.Refused[0] != r.Refused[1] {
		t.Errorf("pass rate %.2f, precision %.2f, refused %v:\n%s", r.PassRate(), r.Precision(), r.Refused, out.String())
	}
	t.Logf("\n%s", out.String())
}
