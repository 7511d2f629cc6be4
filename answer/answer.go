// Package answer composes grounded answers: it retrieves the events a question is about and, for the
// embedded (extractive) answerer, phrases the answer from the events' summaries and dates and cites
// their passages verbatim. It never states what no event supports; when the timeline has no answer it
// says so and, for a date, names the nearest events.
package answer

import (
	"context"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Question is a question to answer.
type Question struct {
	Text string
	// Lang is a hint ("en", "fr") used when the question's own words do not tell its language, such
	// as the Discord interaction's locale.
	Lang string
	// Conversation identifies a conversation for answerers that keep short histories (DMs); empty
	// for one-off questions.
	Conversation string
}

// Answer is a grounded answer. Its JSON form is what `timelinebot ask --json` prints.
type Answer struct {
	Answered  bool       `json:"answered"`
	Text      string     `json:"answer"`
	Citations []Citation `json:"citations"`

	// Lang is the language the answer is written in.
	Lang string `json:"-"`
	// Alternatives are events that match the question about as well as the one answered, so a user
	// interface can offer a choice instead of guessing.
	Alternatives []Alternative `json:"-"`
	// Version is the knowledge version that answered, so every answer can be traced to one timeline.
	Version string `json:"-"`
	// Mode is "extractive" or "llm".
	Mode string `json:"-"`
	// Fallback explains why a model's answer was replaced by the extractive one; empty otherwise.
	Fallback string `json:"-"`
	// Usage counts model tokens when a model answered.
	Usage Usage `json:"-"`
	// Source is the title and attribution of the source of the timeline that answered (the one
	// Version names), so that showing the answer never reads the knowledge again.
	Source Source `json:"-"`
}

// Source names the source of an answer's timeline.
type Source struct {
	Title, Attribution string
}

// Citation is a verbatim passage of the source supporting an answer.
type Citation struct {
	EventID string `json:"event_id"`
	// Date is YYYY-MM-DD, or YYYY-MM / YYYY for an event the source dates only to the month or year.
	Date      string `json:"date"`
	Quote     string `json:"quote"`
	Paragraph int    `json:"paragraph"`
	// Shown is the date as the answer shows it, in the answer's language ("21 October 2016").
	Shown string `json:"-"`
}

// Alternative is a candidate event for an ambiguous question.
type Alternative struct {
	EventID string
	Date    string
	Title   string
}

// Usage is the model's token count for one answer.
type Usage struct {
	PromptTokens, CompletionTokens int
}

// EventIDs returns the distinct event ids cited, in order.
func (a Answer) EventIDs() []string {
	var out []string
	for _, c := range a.Citations {
		if len(out) == 0 || out[len(out)-1] != c.EventID {
			dup := false
			for _, id := range out {
				dup = dup || id == c.EventID
			}
			if !dup {
				out = append(out, c.EventID)
			}
		}
	}
	return out
}

// Knowledge gives the timeline currently served.
type Knowledge interface {
	Current() *knowledge.Timeline
}

// Answerer answers questions. The embedded Engine is one; the LLM answerer wraps it.
type Answerer interface {
	Answer(ctx context.Context, q Question) (Answer, error)
}
