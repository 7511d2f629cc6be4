package admin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/store"
)

// benchQuestions is the database size the issue sets: every page renders in under 50 ms with
// 100,000 stored questions.
const benchQuestions = 100_000

// BenchmarkPages renders each page over a SQLite database holding 100,000 questions asked over
// 30 days (70% answered, 20% refused among 400 distinct refused questions, the rest invalid,
// rate-limited or failed) and 2,000 Wrong event clicks, with the seed knowledge served.
func BenchmarkPages(b *testing.B) {
	dir := b.TempDir()
	if _, err := knowledge.WriteDefault(dir); err != nil {
		b.Fatal(err)
	}
	e := newEnvWith(b, sqlite(b), filepath.Join(dir, knowledge.DefaultFile), nil)
	tl := e.ks.Current()
	events := tl.Events
	now := e.clock.Now()
	var qs []store.Question
	var fb []store.Feedback
	flush := func() {
		e.record(qs, fb)
		qs, fb = qs[:0], fb[:0]
	}
	for i := range benchQuestions {
		at := now.Add(-time.Duration(i) * (30 * 24 * time.Hour / benchQuestions)) // 26 s apart
		ev := events[i%len(events)]
		q := store.Question{Ref: fmt.Sprintf("r%d", i), At: at, Entry: []string{store.EntrySlash, store.EntryDM, store.EntryMention}[i%3],
			Lang: []string{"en", "fr"}[i%2], KnowledgeVersion: tl.Version}
		switch r := i % 10; {
		case r < 7:
			q.Outcome, q.Text = store.OutcomeAnswered, fmt.Sprintf("What happened on %s? (%d)", ev.Date, i%1000)
			q.Answer = ev.Summary
			q.Citations = []store.Citation{{EventID: ev.ID, Date: ev.Date.String(), Quote: ev.Passages[0].Text, Paragraph: ev.Passages[0].Paragraph}}
			q.EventIDs = []string{ev.ID}
			if i%50 == 0 {
				q.ModelPhrased, q.Fallback = true, "a quote did not verify"
			}
		case r < 9:
			q.Outcome, q.Text = store.OutcomeRefused, fmt.Sprintf("Who won the world cup in %d?", 1600+i%400)
			q.Answer = "The source does not say."
		default:
			q.Outcome, q.Text = []string{store.OutcomeInvalid, store.OutcomeRateLimited, store.OutcomeError}[i%3], "…"
		}
		qs = append(qs, q)
		if i%50 == 0 {
			fb = append(fb, store.Feedback{At: at, QuestionRef: q.Ref, Helpful: false, EventID: ev.ID, QuestionText: q.Text})
		}
		if len(qs) == 5000 {
			flush()
		}
	}
	flush()
	c := e.login()
	u, _ := url.Parse(e.srv.URL + "/admin/")
	cookies := c.Jar.Cookies(u)
	for _, p := range []string{"/admin/", "/admin/?days=365", "/admin/refused", "/admin/feedback", "/admin/questions", "/admin/questions?q=world+cup&lang=fr&outcome=refused", "/admin/versions"} {
		b.Run(p, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, p, nil)
				for _, ck := range cookies {
					req.AddCookie(ck)
				}
				w := httptest.NewRecorder()
				e.h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d", p, w.Code)
				}
			}
		})
	}
}
