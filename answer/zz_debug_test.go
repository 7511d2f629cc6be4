package answer

import (
	"strings"
	"fmt"
	"os"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

func zzTimeline(t *testing.T) *knowledge.Timeline {
	var tl *knowledge.Timeline
	var err error
	if kf := os.Getenv("KF"); kf != "" {
		tl, err = knowledge.LoadFile(kf)
	} else {
		tl, err = knowledge.Default()
	}
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func TestZZDebug(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	tl := zzTimeline(t)
	r := Retrieve(tl, Question{Text: q})
	fmt.Printf("parsed: %+v\n", r.Parsed)
	fmt.Printf("intent=%v reason=%v lang=%s count=%v list=%v hedged=%v missing=%v premise=%q nearest=%v\n", r.Intent, r.Reason, r.Lang, r.Count, r.List, r.Hedged, r.Missing, r.Premise, r.Nearest != nil)
	for _, s := range r.Events {
		fmt.Printf("SEL %s %q passages=%v ranked=%v\n", s.Event.Date, s.Event.Title, s.Passages, s.Ranked)
	}
	text := respell(tl, textproc.Unchat(q))
	res := tl.Search(knowledge.Query{Text: r.Parsed.Rest})
	fmt.Printf("rest=%q words=%d unknown=%v (unchat=%q)\n", r.Parsed.Rest, res.Words, res.Unknown, text)
	for i, h := range res.Hits {
		if i >= 8 {
			break
		}
		fmt.Printf("HIT %.3f cov=%.2f %s %q\n", h.Score, h.Coverage, h.Event.Date, h.Event.Title)
	}
	a := Compose(r)
	fmt.Printf("ANSWER: %s\n", a.Text)
}

func TestZZRank(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	tl := zzTimeline(t)
	r := Retrieve(tl, Question{Text: q})
	words := r.queryWords(r.Parsed.Rest)
	for _, w := range words {
		fmt.Printf("word %q idf=%.2f\n", w.Word, w.IDF)
	}
	for _, s := range r.Events {
		for _, rp := range tl.RankPassages(s.Event, words) {
			fmt.Printf("%s p%d %.3f %.70s\n", s.Event.Date, rp.Index, rp.Score, s.Event.Passages[rp.Index].Text)
		}
	}
}

func TestZZPremise(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	tl := zzTimeline(t)
	r := Retrieve(tl, Question{Text: q})
	subj, deeds := r.subjectAndDeeds(r.Parsed.Rest)
	ph, cov := r.phrases(r.Parsed.Rest)
	fmt.Printf("subj=%q deeds=%v phrases=%+v covers=%v\n", subj, deeds, ph, cov)
	for _, e := range tl.Events {
		if w, bad := r.unsupportedPremise(e, r.Parsed.Rest); bad && len(r.Events) > 0 && e == r.Events[0].Event {
			fmt.Printf("unsupported %q on %s\n", w, e.Date)
		}
	}
}

func TestZZAsserts(t *testing.T) {
	q := os.Getenv("Q")
	tl := zzTimeline(t)
	r := Retrieve(tl, Question{Text: q})
	subj, deeds := r.subjectAndDeeds(r.Parsed.Rest)
	verbs := r.queryWords(strings.Join(deeds, " "))
	ph, _ := r.phrases(r.Parsed.Rest)
	verbs = append(verbs, ph...)
	for _, e := range tl.Events {
		if e.Date.String() != os.Getenv("D") {
			continue
		}
		for i := range e.Passages {
			fmt.Printf("%d has=%v asserts=%v doers=%v\n", i, tl.PassageHasWord(e, i, lastWordOf(subj)), tl.AssertsOf(e, i, subj, verbs), tl.Doers(e, i, verbs))
		}
		w, bad := r.unsupportedPremise(e, r.Parsed.Rest)
		fmt.Println("unsupported", w, bad)
	}
}

func TestZZLacks(t *testing.T) {
	tl := zzTimeline(t)
	for _, q := range strings.Split(os.Getenv("QS"), "\n") {
		if q == "" {
			continue
		}
		r := Retrieve(tl, Question{Text: q})
		var lack []string
		for _, w := range r.specificList(r.Parsed.Rest) {
			if tl.LacksConcept(w) {
				lack = append(lack, w)
			}
		}
		fmt.Printf("%q rest=%q lacks=%v\n", q, r.Parsed.Rest, lack)
	}
}
