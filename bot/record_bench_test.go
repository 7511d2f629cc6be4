package bot_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/store"
)

// storeRecorder hands the bot's records to a store, as serve does (cmd/timelinebot).
type storeRecorder struct{ s *store.Store }

func (r storeRecorder) RecordQuestion(q bot.QuestionRecord) {
	rec := store.Question{Ref: q.Ref, At: q.At, Entry: q.Entry, GuildID: q.GuildID, ChannelID: q.ChannelID, User: q.UserID,
		Text: q.Text, Lang: q.Lang, Outcome: q.Outcome, Answer: q.Answer.Text, EventIDs: q.Answer.EventIDs(),
		KnowledgeVersion: q.Answer.Version, Latency: q.Latency}
	for _, c := range q.Answer.Citations {
		rec.Citations = append(rec.Citations, store.Citation{EventID: c.EventID, Date: c.Date, Quote: c.Quote, Paragraph: c.Paragraph})
	}
	r.s.RecordQuestion(rec)
}

func (r storeRecorder) RecordFeedback(f bot.FeedbackRecord) {
	r.s.RecordFeedback(store.Feedback{QuestionRef: f.QuestionRef, User: f.UserID, Helpful: f.Helpful, EventID: f.EventID})
}

// BenchmarkAnswerPathWithADatabase measures what the database adds to answering: the same
// pre-signed /ask requests through the interactions endpoint (one at a time, so each request's
// time is its own), without a database, recording into SQLite, and recording into PostgreSQL with
// the per-user rate limit counted there (the one database round trip on the answer path).
func BenchmarkAnswerPathWithADatabase(b *testing.B) {
	for _, tc := range []struct {
		name   string
		url    func(testing.TB) string
		shared bool
	}{
		{"none", nil, false},
		{"sqlite", testdb.SQLiteURL, false},
		{"postgres", testdb.PostgresURL, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			opts := bot.Options{RateLimit: bot.RateLimit{Enabled: true, PerMinute: 1e6, Burst: 1e6}}
			if tc.url != nil {
				target, _, _ := store.ParseURL(tc.url(b), "")
				s, err := store.Open(context.Background(), target, store.Options{QueueSize: 1 << 20})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close(context.Background())
				opts.Recorder = storeRecorder{s}
				if tc.shared {
					opts.SharedLimiter = s
				}
			}
			pub, priv := newKeys(b)
			in := newInstance(b, nil, nil, pub, opts, 0)
			h := in.srv.Config.Handler
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			reqs, sigs := signedBodies(priv, ts, b.N)
			ds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(reqs[i]))
				req.Header.Set("X-Signature-Timestamp", ts)
				req.Header.Set("X-Signature-Ed25519", sigs[i])
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				ds = append(ds, time.Since(start))
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
			b.StopTimer()
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
		})
	}
}
