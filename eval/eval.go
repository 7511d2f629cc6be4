// Package eval scores an answerer on a question file: the development questions in
// ../shared/eval/questions.json, or a moderator's own regression questions for an edited timeline.
//
// A question passes when it is answered, enough of its expected dates are among the cited events'
// dates, and one of its keywords appears (case- and accent-insensitively) in the answer or the quotes;
// outside the "range" category an answer citing more than 3 distinct dates fails as unfocused. A
// question marked answerable=false passes when the answerer says the source has no answer. Every
// cited quote must be verbatim in the source: citation precision is the share of quotes that are.
package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/textproc"
)

// File is a question file.
type File struct {
	About     string `json:"about"`
	Questions []Item `json:"questions"`
}

// Item is one question and what passing means for it.
type Item struct {
	ID         string   `json:"id"`
	Category   string   `json:"cat"`
	Lang       string   `json:"lang"`
	Question   string   `json:"q"`
	Dates      []string `json:"dates"`
	MinDates   int      `json:"min_dates"`
	Any        []string `json:"any"`
	Answerable *bool    `json:"answerable"`
}

// ExpectAnswer reports whether the item expects an answer (the default) or a refusal.
func (it Item) ExpectAnswer() bool { return it.Answerable == nil || *it.Answerable }

// ReadFile reads and checks a question file.
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read question file: %w", err)
	}
	var f File
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s is not a question file (a JSON object with \"questions\": [{\"id\", \"q\", ...}]): %w", path, err)
	}
	if len(f.Questions) == 0 {
		return nil, fmt.Errorf("%s has no questions", path)
	}
	for i, q := range f.Questions {
		if q.ID == "" || strings.TrimSpace(q.Question) == "" {
			return nil, fmt.Errorf("%s: question %d needs an \"id\" and a \"q\"", path, i+1)
		}
	}
	return &f, nil
}

// Verbatim reports whether a quote is verbatim in the source; the knowledge's Source.Contains.
type Verbatim func(quote string) bool

// Outcome is one question's result.
type Outcome struct {
	Item    Item
	Answer  answer.Answer
	Pass    bool
	Why     string // why it failed
	Latency time.Duration
}

// Report is the result of a run.
type Report struct {
	Mode      string
	Outcomes  []Outcome
	Quotes    int
	Verbatim  int
	ByCat     map[string][2]int // passed, total
	Refused   [2]int            // unanswerable questions refused, total unanswerable
	TotalTime time.Duration
}

// PassRate is the share of questions passed.
func (r *Report) PassRate() float64 {
	if len(r.Outcomes) == 0 {
		return 0
	}
	n := 0
	for _, o := range r.Outcomes {
		if o.Pass {
			n++
		}
	}
	return float64(n) / float64(len(r.Outcomes))
}

// Precision is the share of cited quotes that are verbatim in the source (1 when none were cited).
func (r *Report) Precision() float64 {
	if r.Quotes == 0 {
		return 1
	}
	return float64(r.Verbatim) / float64(r.Quotes)
}

// Run asks every question and scores the answers.
func Run(ctx context.Context, f *File, a answer.Answerer, verbatim Verbatim, mode string) (*Report, error) {
	r := &Report{Mode: mode, ByCat: map[string][2]int{}}
	start := time.Now()
	for _, it := range f.Questions {
		t0 := time.Now()
		ans, err := a.Answer(ctx, answer.Question{Text: it.Question, Lang: it.Lang})
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", it.ID, err)
		}
		o := Outcome{Item: it, Answer: ans, Latency: time.Since(t0)}
		for _, c := range ans.Citations {
			r.Quotes++
			if verbatim(c.Quote) {
				r.Verbatim++
			}
		}
		o.Pass, o.Why = score(it, ans, verbatim)
		c := r.ByCat[it.Category]
		c[1]++
		if o.Pass {
			c[0]++
		}
		r.ByCat[it.Category] = c
		if !it.ExpectAnswer() {
			r.Refused[1]++
			if !ans.Answered {
				r.Refused[0]++
			}
		}
		r.Outcomes = append(r.Outcomes, o)
	}
	r.TotalTime = time.Since(start)
	return r, nil
}

func score(it Item, a answer.Answer, verbatim Verbatim) (bool, string) {
	for _, c := range a.Citations {
		if !verbatim(c.Quote) {
			return false, fmt.Sprintf("quote not verbatim in the source: %q", c.Quote)
		}
	}
	if !it.ExpectAnswer() {
		if a.Answered {
			return false, "answered, but the source has no answer"
		}
		return true, ""
	}
	if !a.Answered {
		return false, "not answered"
	}
	cited := map[string]bool{}
	for _, c := range a.Citations {
		cited[c.Date] = true
	}
	if it.Category != "range" && len(cited) > 3 {
		return false, fmt.Sprintf("unfocused: cites %d distinct dates", len(cited))
	}
	found := 0
	for _, d := range it.Dates {
		if cited[d] {
			found++
		}
	}
	need := it.MinDates
	if need == 0 && len(it.Dates) > 0 {
		need = 1
	}
	if found < need {
		return false, fmt.Sprintf("cites %s; expected at least %d of %s", keys(cited), need, strings.Join(it.Dates, ", "))
	}
	if len(it.Any) > 0 {
		hay := textproc.Fold(a.Text)
		for _, c := range a.Citations {
			hay += "\n" + textproc.Fold(c.Quote)
		}
		ok := false
		for _, k := range it.Any {
			ok = ok || strings.Contains(hay, textproc.Fold(k))
		}
		if !ok {
			return false, fmt.Sprintf("none of %q in the answer or quotes", it.Any)
		}
	}
	return true, ""
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "nothing"
	}
	return strings.Join(out, ", ")
}

// Write prints the report: failures with reasons, per-category pass counts, refusals, citation
// precision and the pass rate.
func (r *Report) Write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "mode: %s\n", r.Mode)
	for _, o := range r.Outcomes {
		if !o.Pass || verbose {
			status := "PASS"
			if !o.Pass {
				status = "FAIL"
			}
			fmt.Fprintf(w, "%s %s [%s] %s", status, o.Item.ID, o.Item.Category, o.Item.Question)
			if o.Why != "" {
				fmt.Fprintf(w, "\n     %s", o.Why)
			}
			fmt.Fprintln(w)
		}
	}
	cats := make([]string, 0, len(r.ByCat))
	for c := range r.ByCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintln(w, "by category:")
	for _, c := range cats {
		fmt.Fprintf(w, "  %-20s %d/%d\n", c, r.ByCat[c][0], r.ByCat[c][1])
	}
	passed := 0
	for _, o := range r.Outcomes {
		if o.Pass {
			passed++
		}
	}
	fmt.Fprintf(w, "unanswerable refused: %d/%d\n", r.Refused[0], r.Refused[1])
	fmt.Fprintf(w, "citation precision: %.1f%% (%d/%d quotes verbatim)\n", 100*r.Precision(), r.Verbatim, r.Quotes)
	fmt.Fprintf(w, "passed: %d/%d (%.1f%%) in %s\n", passed, len(r.Outcomes), 100*r.PassRate(), r.TotalTime.Round(time.Microsecond))
}
