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
	ID       string   `json:"id"`
	Category string   `json:"cat"`
	Lang     string   `json:"lang"`
	Question string   `json:"q"`
	Dates    []string `json:"dates"`
	MinDates int      `json:"min_dates"`
	Any      []string `json:"any"`
	// Key lists verbatim substrings of the source, one of which a correct answer must quote: the
	// sentence that answers, not merely an event of the right date.
	Key        []string `json:"key"`
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
	ByCat     map[string]*CatStats
	Refused   [2]int // unanswerable questions refused, total unanswerable
	TotalTime time.Duration
}

// CatStats are one category's figures.
type CatStats struct {
	Passed, Total int
	// Keyed counts the answerable questions that carry a key; KeyHit those whose answer quotes one
	// of the key substrings (a refusal quotes nothing).
	Keyed, KeyHit int
	// Answered counts the answered questions; Quotes their citations; Single the answers citing one
	// event and SingleQuotes their citations.
	Answered, Quotes, Single, SingleQuotes int
}

// Total sums the categories.
func (r *Report) Total() CatStats {
	var t CatStats
	for _, c := range r.ByCat {
		t.Passed += c.Passed
		t.Total += c.Total
		t.Keyed += c.Keyed
		t.KeyHit += c.KeyHit
		t.Answered += c.Answered
		t.Quotes += c.Quotes
		t.Single += c.Single
		t.SingleQuotes += c.SingleQuotes
	}
	return t
}

// KeyRecall is the share of answerable questions with a key whose answer quotes one of its
// substrings (1 when no question carries a key).
func (c CatStats) KeyRecall() float64 {
	if c.Keyed == 0 {
		return 1
	}
	return float64(c.KeyHit) / float64(c.Keyed)
}

// QuotesPerAnswer is the mean number of citations of an answered question.
func (c CatStats) QuotesPerAnswer() float64 {
	if c.Answered == 0 {
		return 0
	}
	return float64(c.Quotes) / float64(c.Answered)
}

// QuotesPerSingle is the mean number of citations of an answer citing one event.
func (c CatStats) QuotesPerSingle() float64 {
	if c.Single == 0 {
		return 0
	}
	return float64(c.SingleQuotes) / float64(c.Single)
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
	r := &Report{Mode: mode, ByCat: map[string]*CatStats{}}
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
		if c == nil {
			c = &CatStats{}
			r.ByCat[it.Category] = c
		}
		c.Total++
		if o.Pass {
			c.Passed++
		}
		if it.ExpectAnswer() && len(it.Key) > 0 {
			c.Keyed++
			if ans.Answered && quotesKey(it, ans) {
				c.KeyHit++
			}
		}
		if ans.Answered && it.ExpectAnswer() {
			c.Answered++
			c.Quotes += len(ans.Citations)
			if len(ans.EventIDs()) == 1 {
				c.Single++
				c.SingleQuotes += len(ans.Citations)
			}
		}
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
	// An answer is unfocused when it cites more dates than the question can need: three, or as
	// many as the question expects when it counts or lists more.
	if it.Category != "range" && len(cited) > max(3, it.MinDates, len(it.Dates)) {
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
	if len(it.Key) > 0 && !quotesKey(it, a) {
		return false, fmt.Sprintf("no quote contains any of %q", it.Key)
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

// quotesKey reports whether a cited quote contains one of the item's key substrings. Whitespace
// and the two apostrophes are compared loosely (quotes are stored with whitespace collapsed), case
// and accents strictly: a key is the source's own words.
func quotesKey(it Item, a answer.Answer) bool {
	for _, c := range a.Citations {
		q := loose(c.Quote)
		for _, k := range it.Key {
			if strings.Contains(q, loose(k)) {
				return true
			}
		}
	}
	return false
}

func loose(s string) string {
	s = strings.NewReplacer("’", "'", " ", " ", " ", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
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
	fmt.Fprintf(w, "by category:  %-20s %7s %10s %8s %8s\n", "", "pass", "key recall", "quotes", "single")
	line := func(name string, c CatStats) {
		recall := "-"
		if c.Keyed > 0 {
			recall = fmt.Sprintf("%d/%d", c.KeyHit, c.Keyed)
		}
		fmt.Fprintf(w, "  %-32s %7s %10s %8.1f %8.1f\n", name, fmt.Sprintf("%d/%d", c.Passed, c.Total), recall, c.QuotesPerAnswer(), c.QuotesPerSingle())
	}
	for _, c := range cats {
		line(c, *r.ByCat[c])
	}
	tot := r.Total()
	line("all", tot)
	passed := 0
	for _, o := range r.Outcomes {
		if o.Pass {
			passed++
		}
	}
	fmt.Fprintf(w, "unanswerable refused: %d/%d\n", r.Refused[0], r.Refused[1])
	fmt.Fprintf(w, "citation precision: %.1f%% (%d/%d quotes verbatim)\n", 100*r.Precision(), r.Verbatim, r.Quotes)
	fmt.Fprintf(w, "key recall: %.1f%% (%d/%d answerable questions with a key are answered quoting one)\n", 100*tot.KeyRecall(), tot.KeyHit, tot.Keyed)
	fmt.Fprintf(w, "quotes per answer: %.2f; per single-event answer: %.2f\n", tot.QuotesPerAnswer(), tot.QuotesPerSingle())
	fmt.Fprintf(w, "passed: %d/%d (%.1f%%) in %s\n", passed, len(r.Outcomes), 100*r.PassRate(), r.TotalTime.Round(time.Microsecond))
}
