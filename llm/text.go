package llm

import (
	"strings"
	"sync"
	"time"

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

// Throttle limits how often fn runs: push calls it at once if every has passed since the last call,
// else keeps the text to deliver later — by the next push after the interval, or by flush. Use it to
// turn AnswerStream's deltas into message edits no more often than Discord tolerates (about one a
// second). flush delivers a pending text, if any, and reports whether it did; call it before the
// final edit, or drop the pending text when the final answer replaces it anyway. Both are safe for
// concurrent use.
func Throttle(every time.Duration, fn func(text string)) (push func(text string), flush func() bool) {
	var mu sync.Mutex
	var last time.Time
	var pending string
	var has bool
	push = func(text string) {
		mu.Lock()
		if time.Since(last) < every {
			pending, has = text, true
			mu.Unlock()
			return
		}
		last, has = time.Now(), false
		mu.Unlock()
		fn(text)
	}
	flush = func() bool {
		mu.Lock()
		text, ok := pending, has
		has = false
		if ok {
			last = time.Now()
		}
		mu.Unlock()
		if ok {
			fn(text)
		}
		return ok
	}
	return push, flush
}
