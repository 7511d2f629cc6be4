package answer_test

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

func TestFollowUpKinds(t *testing.T) {
	for _, tc := range []struct {
		text string
		want answer.FollowKind
	}{
		{"what happened next?", answer.FollowNext},
		{"And then?", answer.FollowNext},
		{"et ensuite ?", answer.FollowNext},
		{"Que s'est-il passé ensuite ?", answer.FollowNext},
		{"and the day before?", answer.FollowDayBefore},
		{"la veille ?", answer.FollowDayBefore},
		{"the day after?", answer.FollowDayAfter},
		{"what happened before that?", answer.FollowPrev},
		{"et avant ?", answer.FollowPrev},
		{"who else was there?", answer.FollowWho},
		{"qui d'autre ?", answer.FollowWho},
		// Questions of their own.
		{"what happened on 21 October 2016?", answer.NotFollowUp},
		{"what happened next after WikiLeaks wrote to Trump Jr. about the debate?", answer.NotFollowUp},
		{"who is Julian Assange?", answer.NotFollowUp},
		{"", answer.NotFollowUp},
	} {
		if got := answer.FollowUpKind(tc.text); got != tc.want {
			t.Errorf("FollowUpKind(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// A follow-up moves from the previous answer's events: the next one, the one before, the day
// before, the actors; every citation stays grounded.
func TestFollowUpResolvesAgainstThePreviousAnswersEvents(t *testing.T) {
	tl := seed(t)
	mid := tl.Events[len(tl.Events)/2]
	prev := answer.Answer{Answered: true, Lang: "en", Citations: []answer.Citation{{EventID: mid.ID, Date: mid.Date.String()}}}
	pos := tl.Position(mid)
	for _, tc := range []struct {
		q    string
		cite *knowledge.Event // nil: check only that it answered or refused with text
	}{
		{"what happened next?", tl.Events[pos+1]},
		{"et ensuite ?", tl.Events[pos+1]},
		{"and before that?", tl.Events[pos-1]},
		{"who else was there?", mid},
		{"and the day before?", nil},
	} {
		a, ok := answer.FollowUp(tl, prev, answer.Question{Text: tc.q})
		if !ok {
			t.Errorf("%q: not read as a follow-up", tc.q)
			continue
		}
		checkGrounded(t, tl, tc.q, a)
		if tc.cite != nil && (len(a.EventIDs()) == 0 || a.EventIDs()[0] != tc.cite.ID) {
			t.Errorf("%q: cites %v, want %s (%s)", tc.q, a.EventIDs(), tc.cite.ID, tc.cite.Date)
		}
		if a.Version != tl.Version || a.Source.Title != tl.Source.Title {
			t.Errorf("%q: answer carries version %q source %q", tc.q, a.Version, a.Source.Title)
		}
	}
	if a, _ := answer.FollowUp(tl, prev, answer.Question{Text: "et ensuite ?"}); a.Lang != "fr" || !strings.Contains(a.Text, answer.FormatDate(tl.Events[pos+1], "fr")) {
		t.Errorf("French follow-up answered in %q: %q", a.Lang, a.Text)
	}
	// Past the last event there is nothing next, and it says so.
	last := tl.Events[len(tl.Events)-1]
	a, ok := answer.FollowUp(tl, answer.Answer{Citations: []answer.Citation{{EventID: last.ID}}}, answer.Question{Text: "what happened next?"})
	if !ok || a.Answered || !strings.Contains(a.Text, "ends") {
		t.Errorf("after the last event: ok %v, %+v", ok, a)
	}
	// With no previous event still served, it is not a follow-up.
	if _, ok := answer.FollowUp(tl, answer.Answer{Citations: []answer.Citation{{EventID: "gone"}}}, answer.Question{Text: "what happened next?"}); ok {
		t.Error("a follow-up of events no longer served should be a question of its own")
	}
}

// Answers carry what showing them needs: the dates as shown and the source's names.
func TestAnswersCarryWhatRenderingNeeds(t *testing.T) {
	tl := seed(t)
	a := answer.Compose(answer.Retrieve(tl, answer.Question{Text: "que s'est-il passé le 21 octobre 2016 ?"}))
	if !a.Answered || a.Source.Attribution != tl.Source.Attribution || a.Version != tl.Version {
		t.Fatalf("answer %+v", a)
	}
	for _, c := range a.Citations {
		if e := tl.Event(c.EventID); c.Shown != answer.FormatDate(e, "fr") {
			t.Errorf("citation shown %q, want %q", c.Shown, answer.FormatDate(e, "fr"))
		}
	}
}
