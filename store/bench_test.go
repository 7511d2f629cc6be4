package store_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/store"
)

func sampleQuestion(i int) store.Question {
	return store.Question{
		Ref: fmt.Sprint(1_000_000_000_000_000_000 + i), Entry: store.EntrySlash, GuildID: "1577254455802462209", ChannelID: "1577254455802462210",
		User: fmt.Sprint(2_000_000_000_000_000_000 + i%500), Text: "What did WikiLeaks ask Trump Jr. for on 21 October 2016?", Lang: "en",
		Outcome: store.OutcomeAnswered, Answer: "On 21 October 2016, WikiLeaks asked Trump Jr. to leak his father's tax returns.",
		EventIDs:         []string{"2016-10-21-tax-returns"},
		Citations:        []store.Citation{{EventID: "2016-10-21-tax-returns", Date: "2016-10-21", Quote: "« Salut Don. Si ton père perd… »", Paragraph: 12}},
		KnowledgeVersion: "d2ec80fc53d2", Latency: 180 * time.Microsecond,
	}
}

// percentiles reports p50 and p99 of the durations as benchmark metrics.
func percentiles(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds()), "p99-ns")
}

// What recording adds to the answer path: handing a question to the queue while the writer
// drains it into the database.
func BenchmarkRecordQuestionOnTheAnswerPath(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			url := testdb.SQLiteURL(b)
			if db == "postgres" {
				url = testdb.PostgresURL(b)
			}
			target, _, _ := store.ParseURL(url, "")
			s, err := store.Open(context.Background(), target, store.Options{QueueSize: 1 << 20})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close(context.Background())
			q := sampleQuestion(1)
			ds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				s.RecordQuestion(q)
				ds = append(ds, time.Since(start))
			}
			b.StopTimer()
			percentiles(b, ds)
		})
	}
}

// The shared rate limit is the one database round trip on the answer path (PostgreSQL only in
// serve; SQLite shown for comparison).
func BenchmarkSharedRateLimit(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			url := testdb.SQLiteURL(b)
			if db == "postgres" {
				url = testdb.PostgresURL(b)
			}
			target, _, _ := store.ParseURL(url, "")
			s, err := store.Open(context.Background(), target, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close(context.Background())
			ctx := context.Background()
			ds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := s.Allow(ctx, fmt.Sprint("user:", i%1000), 6, 3); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
			b.StopTimer()
			percentiles(b, ds)
		})
	}
}

// Sustained question records per second into each database: b.N records queued at once, timed
// until the writer has written them all.
func BenchmarkSustainedQuestionRecords(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			url := testdb.SQLiteURL(b)
			if db == "postgres" {
				url = testdb.PostgresURL(b)
			}
			target, _, _ := store.ParseURL(url, "")
			s, err := store.Open(context.Background(), target, store.Options{QueueSize: max(b.N, 1)})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close(context.Background())
			qs := make([]store.Question, b.N)
			for i := range qs {
				qs[i] = sampleQuestion(i)
			}
			b.ResetTimer()
			start := time.Now()
			for _, q := range qs {
				s.RecordQuestion(q)
			}
			for s.WriterStats().Written < int64(b.N) {
				time.Sleep(time.Millisecond)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "records/s")
			if d := s.WriterStats().Dropped; d != 0 {
				b.Fatalf("%d dropped", d)
			}
		})
	}
}
