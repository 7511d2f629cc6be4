package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// QuestionFilter selects questions. Zero fields select everything.
type QuestionFilter struct {
	// Since and Until bound the time asked (Until exclusive).
	Since, Until time.Time
	// Outcomes keeps only these outcomes (OutcomeRefused, …).
	Outcomes []string
	// Entry keeps one entry (EntrySlash, …).
	Entry string
	// Contains keeps questions whose normalized text contains this (normalized too).
	Contains string
	// Normalized keeps one group of questions (Question.Normalized).
	Normalized string
	// User keeps one asker's questions, by the key the store keeps (see UserKey).
	User string
	// BeforeID pages backwards: only questions with a smaller id.
	BeforeID int64
	// Limit caps the rows; 0 means no cap.
	Limit int
	// Newest orders newest first (for pages); otherwise oldest first (for exports).
	Newest bool
	// WithFeedback attaches each question's feedback clicks.
	WithFeedback bool
}

func (f QuestionFilter) where() (string, []any) {
	var conds []string
	var args []any
	if !f.Since.IsZero() {
		conds, args = append(conds, "at_ms >= ?"), append(args, f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		conds, args = append(conds, "at_ms < ?"), append(args, f.Until.UnixMilli())
	}
	if len(f.Outcomes) > 0 {
		conds = append(conds, "outcome IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.Outcomes)), ", ")+")")
		for _, o := range f.Outcomes {
			args = append(args, o)
		}
	}
	if f.Entry != "" {
		conds, args = append(conds, "entry = ?"), append(args, f.Entry)
	}
	if f.Contains != "" {
		conds, args = append(conds, "normalized LIKE ?"), append(args, "%"+likeEscape(Normalize(f.Contains))+"%")
	}
	if f.Normalized != "" {
		conds, args = append(conds, "normalized = ?"), append(args, f.Normalized)
	}
	if f.User != "" {
		conds, args = append(conds, "user_key = ?"), append(args, f.User)
	}
	if f.BeforeID > 0 {
		conds, args = append(conds, "id < ?"), append(args, f.BeforeID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// likeEscape keeps % and _ literal; normalized text has neither, but a filter might.
func likeEscape(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}

const questionColumns = `id, ref, at_ms, entry, guild_id, channel_id, user_key, text, normalized, lang, outcome, answer,
	event_ids, citations, knowledge_version, model_phrased, fallback, prompt_tokens, completion_tokens, latency_us, error`

// Questions lists questions matching the filter.
func (s *Store) Questions(ctx context.Context, f QuestionFilter) ([]Question, error) {
	where, args := f.where()
	order := " ORDER BY id"
	if f.Newest {
		order = " ORDER BY id DESC"
	}
	return s.questionsWhere(ctx, where+order, args, f.Limit, f.WithFeedback)
}

// EachQuestion calls fn for each question matching the filter, oldest first, reading in pages so
// an export of any size holds one page in memory.
func (s *Store) EachQuestion(ctx context.Context, f QuestionFilter, fn func(Question) error) error {
	const page = 500
	where, args := f.where()
	var after int64
	for {
		w, a := where, args
		if after > 0 {
			if w == "" {
				w = " WHERE id > ?"
			} else {
				w += " AND id > ?"
			}
			a = append(append([]any(nil), args...), after)
		}
		qs, err := s.questionsWhere(ctx, w+" ORDER BY id", a, page, f.WithFeedback)
		if err != nil {
			return err
		}
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
			after = q.ID
		}
		if len(qs) < page {
			return nil
		}
	}
}

// questionsWhere reads questions; tail is the WHERE and ORDER BY clauses.
func (s *Store) questionsWhere(ctx context.Context, tail string, args []any, limit int, withFeedback bool) ([]Question, error) {
	query := "SELECT " + questionColumns + " FROM questions" + tail
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("list questions in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []Question
	for rows.Next() {
		var q Question
		var at, lat int64
		var events, cits string
		if err := rows.Scan(&q.ID, &q.Ref, &at, &q.Entry, &q.GuildID, &q.ChannelID, &q.User, &q.Text, &q.Normalized, &q.Lang,
			&q.Outcome, &q.Answer, &events, &cits, &q.KnowledgeVersion, &q.ModelPhrased, &q.Fallback, &q.PromptTokens,
			&q.CompletionTokens, &lat, &q.Error); err != nil {
			return nil, err
		}
		q.At, q.Latency = fromMS(at), time.Duration(lat)*time.Microsecond
		q.LatencyMS = float64(lat) / 1000
		_ = json.Unmarshal([]byte(events), &q.EventIDs)
		_ = json.Unmarshal([]byte(cits), &q.Citations)
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if withFeedback && len(out) > 0 {
		if err := s.attachFeedback(ctx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) attachFeedback(ctx context.Context, qs []Question) error {
	byRef := map[string][]int{}
	refs := make([]any, 0, len(qs))
	for i, q := range qs {
		if q.Ref == "" {
			continue
		}
		if _, ok := byRef[q.Ref]; !ok {
			refs = append(refs, q.Ref)
		}
		byRef[q.Ref] = append(byRef[q.Ref], i)
	}
	if len(refs) == 0 {
		return nil
	}
	fb, err := s.feedbackWhere(ctx, " WHERE question_ref IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(refs)), ", ")+")", refs, 0)
	if err != nil {
		return err
	}
	for _, f := range fb {
		for _, i := range byRef[f.QuestionRef] {
			qs[i].Feedback = append(qs[i].Feedback, f)
		}
	}
	return nil
}

// FeedbackFilter selects feedback clicks.
type FeedbackFilter struct {
	Since time.Time
	// Helpful, when not nil, keeps only Helpful (true) or Wrong event (false) clicks.
	Helpful *bool
	EventID string
	Limit   int
}

// Feedback lists feedback clicks, newest first.
func (s *Store) Feedback(ctx context.Context, f FeedbackFilter) ([]Feedback, error) {
	var conds []string
	var args []any
	if !f.Since.IsZero() {
		conds, args = append(conds, "at_ms >= ?"), append(args, f.Since.UnixMilli())
	}
	if f.Helpful != nil {
		conds, args = append(conds, "helpful = ?"), append(args, *f.Helpful)
	}
	if f.EventID != "" {
		conds, args = append(conds, "event_id = ?"), append(args, f.EventID)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	return s.feedbackWhere(ctx, where, args, f.Limit)
}

func (s *Store) feedbackWhere(ctx context.Context, where string, args []any, limit int) ([]Feedback, error) {
	query := `SELECT id, at_ms, question_ref, message_id, guild_id, channel_id, user_key, helpful, event_id, cited, question_text
		FROM feedback` + where + " ORDER BY id DESC"
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("list feedback in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []Feedback
	for rows.Next() {
		var f Feedback
		var at int64
		var cited string
		if err := rows.Scan(&f.ID, &at, &f.QuestionRef, &f.MessageID, &f.GuildID, &f.ChannelID, &f.User, &f.Helpful, &f.EventID, &cited, &f.QuestionText); err != nil {
			return nil, err
		}
		f.At = fromMS(at)
		_ = json.Unmarshal([]byte(cited), &f.Cited)
		out = append(out, f)
	}
	return out, rows.Err()
}

// Group is the questions that normalize to one text.
type Group struct {
	Normalized string    `json:"normalized"`
	Example    string    `json:"example"` // the latest wording asked
	Count      int       `json:"count"`
	Last       time.Time `json:"last"`
}

// TopQuestions returns the most asked questions since a time (zero: ever), grouped by normalized
// text, most asked first; with outcomes given, only questions with those outcomes count (e.g.
// OutcomeRefused: what people asked that the bot could not answer).
func (s *Store) TopQuestions(ctx context.Context, since time.Time, outcomes []string, limit int) ([]Group, error) {
	f := QuestionFilter{Since: since, Outcomes: outcomes}
	where, args := f.where()
	if limit <= 0 {
		limit = 20
	}
	query := fmt.Sprintf(`SELECT normalized, COUNT(*), MAX(at_ms), MAX(id) FROM questions%s
		GROUP BY normalized ORDER BY COUNT(*) DESC, MAX(at_ms) DESC LIMIT %d`, where, limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("group questions in the %s: %w", s.where(), err)
	}
	var out []Group
	var lastIDs []int64
	for rows.Next() {
		var g Group
		var last, id int64
		if err := rows.Scan(&g.Normalized, &g.Count, &last, &id); err != nil {
			rows.Close()
			return nil, err
		}
		g.Last = fromMS(last)
		out = append(out, g)
		lastIDs = append(lastIDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, id := range lastIDs {
		_ = s.db.QueryRowContext(ctx, s.q(`SELECT text FROM questions WHERE id = ?`), id).Scan(&out[i].Example)
	}
	return out, nil
}

// EventCount is an event and how many feedback clicks named it.
type EventCount struct {
	EventID string    `json:"event_id"`
	Count   int       `json:"count"`
	Last    time.Time `json:"last"`
}

// WrongEvents returns the events most often marked Wrong event since a time, most first.
func (s *Store) WrongEvents(ctx context.Context, since time.Time, limit int) ([]EventCount, error) {
	if limit <= 0 {
		limit = 20
	}
	query := fmt.Sprintf(`SELECT event_id, COUNT(*), MAX(at_ms) FROM feedback WHERE helpful = ? AND at_ms >= ?
		GROUP BY event_id ORDER BY COUNT(*) DESC, MAX(at_ms) DESC LIMIT %d`, limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), false, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("count wrong-event feedback in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []EventCount
	for rows.Next() {
		var e EventCount
		var last int64
		if err := rows.Scan(&e.EventID, &e.Count, &last); err != nil {
			return nil, err
		}
		e.Last = fromMS(last)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Totals counts questions by outcome and feedback clicks since a time.
type Totals struct {
	Questions  int            `json:"questions"`
	ByOutcome  map[string]int `json:"by_outcome"`
	Helpful    int            `json:"helpful"`
	WrongEvent int            `json:"wrong_event"`
}

// Totals returns counts since a time (zero: ever).
func (s *Store) Totals(ctx context.Context, since time.Time) (Totals, error) {
	t := Totals{ByOutcome: map[string]int{}}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT outcome, COUNT(*) FROM questions WHERE at_ms >= ? GROUP BY outcome`), since.UnixMilli())
	if err != nil {
		return t, fmt.Errorf("count questions in the %s: %w", s.where(), err)
	}
	for rows.Next() {
		var o string
		var n int
		if err := rows.Scan(&o, &n); err != nil {
			rows.Close()
			return t, err
		}
		t.ByOutcome[o] = n
		t.Questions += n
	}
	rows.Close()
	var helpful, wrong sql.NullInt64
	err = s.db.QueryRowContext(ctx, s.q(`SELECT SUM(CASE WHEN helpful THEN 1 ELSE 0 END), SUM(CASE WHEN helpful THEN 0 ELSE 1 END)
		FROM feedback WHERE at_ms >= ?`), since.UnixMilli()).Scan(&helpful, &wrong)
	t.Helpful, t.WrongEvent = int(helpful.Int64), int(wrong.Int64)
	return t, err
}

// Prune deletes questions and feedback older than before, and shared state nobody uses any more
// (rate buckets idle an hour, conversation turns a day old). Knowledge versions are kept.
func (s *Store) Prune(ctx context.Context, before time.Time) (questions, feedback int64, err error) {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM questions WHERE at_ms < ?`), before.UnixMilli())
	if err != nil {
		return 0, 0, fmt.Errorf("delete old questions from the %s: %w", s.where(), err)
	}
	questions, _ = res.RowsAffected()
	res, err = s.db.ExecContext(ctx, s.q(`DELETE FROM feedback WHERE at_ms < ?`), before.UnixMilli())
	if err != nil {
		return questions, 0, fmt.Errorf("delete old feedback from the %s: %w", s.where(), err)
	}
	feedback, _ = res.RowsAffected()
	now := s.now()
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM rate_buckets WHERE updated_ms < ?`), now.Add(-time.Hour).UnixMilli()); err != nil {
		return questions, feedback, err
	}
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM conversation_turns WHERE at_ms < ?`), now.Add(-24*time.Hour).UnixMilli()); err != nil {
		return questions, feedback, err
	}
	return questions, feedback, nil
}

// pruneEvery is how often retention runs.
const pruneEvery = time.Hour

func (s *Store) pruneLoop(ctx context.Context) {
	t := time.NewTicker(pruneEvery)
	defer t.Stop()
	for {
		pctx, cancel := context.WithTimeout(ctx, time.Minute)
		q, f, err := s.Prune(pctx, s.now().Add(-s.opts.Retention))
		cancel()
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Warn("database retention failed; retrying in an hour", "database", s.where(), "err", err)
		case q > 0 || f > 0:
			s.log.Info("database retention", "questions_deleted", q, "feedback_deleted", f, "retention", s.opts.Retention)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
