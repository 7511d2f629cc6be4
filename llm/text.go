package llm

import (
	"strings"

	"github.com/timelinebot/timelinebot/answer"
)

// noAnswerText is the refusal shown when the model says the passages do not answer: retrieval found
// events, so it names them, and says plainly that what they say does not answer the question.
func noAnswerText(r answer.Retrieval) string {
	var dates []string
	for i, s := range r.Events {
		if i == 3 {
			break
		}
		dates = append(dates, answer.FormatDate(s.Event, r.Lang))
	}
	list := strings.Join(dates, ", ")
	if r.Lang == "fr" {
		return "La source ne répond pas à cette question : les passages les plus proches (" + list + ") ne le disent pas."
	}
	return "The source does not answer that: the closest passages (" + list + ") do not say."
}
