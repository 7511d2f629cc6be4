package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/store"
)

func TestAdminQueries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		s := open(t, url, store.Options{})
		ctx := context.Background()
		d1 := time.Date(2026, 11, 1, 23, 0, 0, 0, time.UTC)
		d2 := d1.Add(2 * time.Hour) // the next UTC day
		qs := []store.Question{
			{Ref: "a", At: d1, Entry: store.EntrySlash, Text: "When did WikiLeaks write?", Lang: "en", Outcome: store.OutcomeAnswered, ModelPhrased: true},
			{Ref: "b", At: d1.Add(time.Minute), Entry: store.EntryDM, Text: "Qui est l'avocat ?", Lang: "fr", Outcome: store.OutcomeRefused},
			{Ref: "c", At: d2, Entry: store.EntrySlash, Text: "When did WikiLeaks write?", Lang: "en", Outcome: store.OutcomeAnswered, Fallback: "timeout"},
			{Ref: "d", At: d2.Add(time.Minute), Entry: store.EntryMention, Text: "Who paid?", Lang: "en", Outcome: store.OutcomeAnswered, Fallback: "timeout"},
			{Ref: "e", At: d2.Add(2 * time.Minute), Entry: store.EntrySlash, Text: "x", Lang: "en", Outcome: store.OutcomeAnswered, Fallback: "unverified quote"},
		}
		for _, q := range qs {
			s.RecordQuestion(q)
		}
		s.RecordFeedback(store.Feedback{At: d2, QuestionRef: "a", Helpful: false, EventID: "e1"})
		s.RecordFeedback(store.Feedback{At: d2, QuestionRef: "c", Helpful: true, EventID: "e1"})
		s.RecordFeedback(store.Feedback{At: d1.Add(-48 * time.Hour), QuestionRef: "old", Helpful: true})
		waitFor(t, "records written", 10*time.Second, func() bool { return s.WriterStats().Written == 8 })

		days, err := s.DailyStats(ctx, d1.Add(-time.Hour), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		type key struct{ day, outcome, fallback string }
		got := map[key][2]int{}
		for _, d := range days {
			got[key{d.Day.Format(time.DateOnly), d.Outcome, d.Fallback}] = [2]int{d.Count, d.ModelPhrased}
		}
		want := map[key][2]int{
			{"2026-11-01", store.OutcomeAnswered, ""}:                 {1, 1},
			{"2026-11-01", store.OutcomeRefused, ""}:                  {1, 0},
			{"2026-11-02", store.OutcomeAnswered, "timeout"}:          {2, 0},
			{"2026-11-02", store.OutcomeAnswered, "unverified quote"}: {1, 0},
		}
		if len(got) != len(want) {
			t.Fatalf("DailyStats = %+v, want %+v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("DailyStats[%v] = %v, want %v", k, got[k], v)
			}
		}
		if days, _ := s.DailyStats(ctx, d1.Add(-time.Hour), d2.Add(-time.Minute)); len(days) != 2 {
			t.Errorf("DailyStats until the first day: %+v", days)
		}

		groups, err := s.DailyGroups(ctx, time.Time{}, time.Time{}, []string{store.OutcomeAnswered})
		if err != nil {
			t.Fatal(err)
		}
		// "When did WikiLeaks write?" on two days is two day groups; "Who paid?" and "x" one each.
		if len(groups) != 4 || groups[0].Normalized != "when did wikileaks write" || groups[0].Count != 1 || !groups[0].Day.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("DailyGroups = %+v", groups)
		}
		texts, err := s.QuestionTexts(ctx, []int64{groups[0].LastID, 999})
		if err != nil || len(texts) != 1 || texts[groups[0].LastID] != "When did WikiLeaks write?" {
			t.Errorf("QuestionTexts = %v, %v", texts, err)
		}

		h, w, err := s.FeedbackCounts(ctx, d1.Add(-time.Hour), time.Time{})
		if err != nil || h != 1 || w != 1 {
			t.Errorf("FeedbackCounts = %d, %d, %v; want 1, 1", h, w, err)
		}

		tests := []struct {
			name string
			f    store.SearchFilter
			refs []string
		}{
			{"language", store.SearchFilter{Lang: "fr"}, []string{"b"}},
			{"language and entry", store.SearchFilter{Lang: "en", QuestionFilter: store.QuestionFilter{Entry: store.EntrySlash}}, []string{"a", "c", "e"}},
			{"text, newest first", store.SearchFilter{QuestionFilter: store.QuestionFilter{Contains: "wikileaks WRITE", Newest: true}}, []string{"c", "a"}},
			{"period and outcome", store.SearchFilter{QuestionFilter: store.QuestionFilter{Since: d2, Outcomes: []string{store.OutcomeAnswered}, Limit: 2}}, []string{"c", "d"}},
		}
		for _, tc := range tests {
			qs, err := s.SearchQuestions(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			var refs []string
			for _, q := range qs {
				refs = append(refs, q.Ref)
			}
			if len(refs) != len(tc.refs) {
				t.Errorf("%s: refs %v, want %v", tc.name, refs, tc.refs)
				continue
			}
			for i := range refs {
				if refs[i] != tc.refs[i] {
					t.Errorf("%s: refs %v, want %v", tc.name, refs, tc.refs)
					break
				}
			}
		}

		byRef, err := s.QuestionsByRef(ctx, []string{"a", "d", "nope", "a", ""})
		if err != nil || len(byRef) != 2 || byRef["d"].Text != "Who paid?" {
			t.Errorf("QuestionsByRef = %+v, %v", byRef, err)
		}
	})
}

func TestLoginTokensAreSingleUseAndExpire(t *testing.T) {
	testdb.Each(t, func(t *testing.T, url string) {
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		var mu sync.Mutex
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		s := open(t, url, store.Options{Now: clock})
		ctx := context.Background()
		if err := s.SaveLoginToken(ctx, "h1", now.Add(10*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveLoginToken(ctx, "h2", now.Add(10*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeLoginToken(ctx, "forged"); !errors.Is(err, store.ErrLoginTokenUnknown) {
			t.Errorf("forged token: %v", err)
		}
		if err := s.TakeLoginToken(ctx, "h1"); err != nil {
			t.Errorf("first use: %v", err)
		}
		if err := s.TakeLoginToken(ctx, "h1"); !errors.Is(err, store.ErrLoginTokenUnknown) {
			t.Errorf("second use: %v", err)
		}
		mu.Lock()
		now = now.Add(10 * time.Minute)
		mu.Unlock()
		if err := s.TakeLoginToken(ctx, "h2"); !errors.Is(err, store.ErrLoginTokenUnknown) {
			t.Errorf("expired token: %v", err)
		}
		// Concurrent uses of one token: exactly one gets in.
		if err := s.SaveLoginToken(ctx, "h3", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var ok sync.Map
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if s.TakeLoginToken(ctx, "h3") == nil {
					ok.Store(i, true)
				}
			}()
		}
		wg.Wait()
		n := 0
		ok.Range(func(any, any) bool { n++; return true })
		if n != 1 {
			t.Errorf("%d concurrent uses of one login link succeeded, want 1", n)
		}
	})
}
