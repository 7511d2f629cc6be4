package store

// Queries of the moderators' web page (package admin): what the page shows that export, stats and
// versions do not need. Kept apart from the rest of the package so the page's needs stay in one
// place.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DayStat is how many questions of one UTC day ended with one outcome and one fallback reason.
type DayStat struct {
	// Day is the day's midnight, UTC.
	Day     time.Time
	Outcome string
	// Fallback is why a model's answer was replaced by the extractive one; "" for none.
	Fallback string
	Count    int
	// ModelPhrased counts the answers a model phrased.
	ModelPhrased int
}

const dayMS = int64(24 * time.Hour / time.Millisecond)

// DailyStats counts the questions asked in [since, until) by UTC day, outcome and fallback
// reason, oldest day first. A zero until means now and later. One scan gives the moderators'
// overview everything it draws: questions per day by outcome, model-phrased answers, fallbacks
// and their reasons.
func (s *Store) DailyStats(ctx context.Context, since, until time.Time) ([]DayStat, error) {
	where, args := QuestionFilter{Since: since, Until: until}.where()
	// Integer division by a day's milliseconds is the UTC day in both SQLite and PostgreSQL.
	query := fmt.Sprintf(`SELECT at_ms / %d AS day, outcome, fallback, COUNT(*), SUM(CASE WHEN model_phrased THEN 1 ELSE 0 END)
		FROM questions%s GROUP BY at_ms / %d, outcome, fallback ORDER BY day, outcome, fallback`, dayMS, where, dayMS)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("count questions by day in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []DayStat
	for rows.Next() {
		var d DayStat
		var day int64
		if err := rows.Scan(&day, &d.Outcome, &d.Fallback, &d.Count, &d.ModelPhrased); err != nil {
			return nil, err
		}
		d.Day = fromMS(day * dayMS)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DayGroup is the questions of one UTC day that normalize to one text.
type DayGroup struct {
	Day        time.Time
	Normalized string
	Count      int
	Last       time.Time
	// LastID is the latest question's id (QuestionTexts gives its wording).
	LastID int64
}

// DailyGroups groups the questions asked in [since, until) with the given outcomes (all when
// none) by UTC day and normalized text, so counts over any run of days add up day by day.
func (s *Store) DailyGroups(ctx context.Context, since, until time.Time, outcomes []string) ([]DayGroup, error) {
	where, args := QuestionFilter{Since: since, Until: until, Outcomes: outcomes}.where()
	query := fmt.Sprintf(`SELECT at_ms / %d AS day, normalized, COUNT(*), MAX(at_ms), MAX(id) FROM questions%s
		GROUP BY at_ms / %d, normalized ORDER BY day`, dayMS, where, dayMS)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("group questions by day in the %s: %w", s.where(), err)
	}
	defer rows.Close()
	var out []DayGroup
	for rows.Next() {
		var g DayGroup
		var day, last int64
		if err := rows.Scan(&day, &g.Normalized, &g.Count, &last, &g.LastID); err != nil {
			return nil, err
		}
		g.Day, g.Last = fromMS(day*dayMS), fromMS(last)
		out = append(out, g)
	}
	return out, rows.Err()
}

// QuestionTexts returns the wording of the questions with these ids.
func (s *Store) QuestionTexts(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for len(ids) > 0 {
		n := min(200, len(ids))
		part := make([]any, n)
		for i, id := range ids[:n] {
			part[i] = id
		}
		ids = ids[n:]
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, text FROM questions WHERE id IN (`+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+`)`), part...)
		if err != nil {
			return nil, fmt.Errorf("read questions from the %s: %w", s.where(), err)
		}
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = text
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FeedbackCounts counts the Helpful and Wrong event clicks in [since, until).
func (s *Store) FeedbackCounts(ctx context.Context, since, until time.Time) (helpful, wrong int, err error) {
	query := `SELECT SUM(CASE WHEN helpful THEN 1 ELSE 0 END), SUM(CASE WHEN helpful THEN 0 ELSE 1 END) FROM feedback WHERE at_ms >= ?`
	args := []any{since.UnixMilli()}
	if !until.IsZero() {
		query += ` AND at_ms < ?`
		args = append(args, until.UnixMilli())
	}
	var h, w sql.NullInt64
	if err := s.db.QueryRowContext(ctx, s.q(query), args...).Scan(&h, &w); err != nil {
		return 0, 0, fmt.Errorf("count feedback in the %s: %w", s.where(), err)
	}
	return int(h.Int64), int(w.Int64), nil
}

// SearchFilter is a QuestionFilter with what the question log also filters on.
type SearchFilter struct {
	QuestionFilter
	// Lang keeps questions detected in this language ("en", "fr").
	Lang string
}

// SearchQuestions lists the questions matching the filter, like Questions.
func (s *Store) SearchQuestions(ctx context.Context, f SearchFilter) ([]Question, error) {
	where, args := f.QuestionFilter.where()
	if f.Lang != "" {
		if where == "" {
			where = " WHERE lang = ?"
		} else {
			where += " AND lang = ?"
		}
		args = append(args, f.Lang)
	}
	order := " ORDER BY id"
	if f.Newest {
		order = " ORDER BY id DESC"
	}
	return s.questionsWhere(ctx, where+order, args, f.Limit, f.WithFeedback)
}

// QuestionsByRef returns the latest question recorded under each ref (feedback names its
// question by ref), keyed by ref; refs the store does not hold are absent.
func (s *Store) QuestionsByRef(ctx context.Context, refs []string) (map[string]Question, error) {
	out := map[string]Question{}
	var args []any
	seen := map[string]bool{}
	for _, r := range refs {
		if r != "" && !seen[r] {
			seen[r] = true
			args = append(args, r)
		}
	}
	// Pages of refs keep the IN list within what both databases accept.
	const page = 200
	for len(args) > 0 {
		n := min(page, len(args))
		part := args[:n]
		args = args[n:]
		qs, err := s.questionsWhere(ctx, " WHERE ref IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")+") ORDER BY id", part, 0, false)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			out[q.Ref] = q // ordered by id: the latest wins
		}
	}
	return out, nil
}

// Login tokens are kept in the meta table as "admin_login:<hash>" → "<expiry ms>", so the
// process that prints a login link (`timelinebot admin-link`) and the one serving the page share
// them, and so does every replica.
const loginTokenPrefix = "admin_login:"

// ErrLoginTokenUnknown is returned by TakeLoginToken for a token never issued, already used or
// expired.
var ErrLoginTokenUnknown = errors.New("this login link is unknown, expired or already used")

// SaveLoginToken keeps a single-use login token's hash until it expires, and deletes the expired
// ones.
func (s *Store) SaveLoginToken(ctx context.Context, hash string, expires time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM meta WHERE key LIKE ? AND CAST(value AS BIGINT) < ?`),
		loginTokenPrefix+"%", s.now().UnixMilli()); err != nil {
		return fmt.Errorf("delete expired login links from the %s: %w", s.where(), err)
	}
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO meta (key, value) VALUES (?, ?)`),
		loginTokenPrefix+hash, strconv.FormatInt(expires.UnixMilli(), 10)); err != nil {
		return fmt.Errorf("keep a login link in the %s: %w", s.where(), err)
	}
	return nil
}

// TakeLoginToken uses up a login token: it succeeds once, for a token saved and not expired.
// Deleting and reading in one statement makes two concurrent uses of one link let one in.
func (s *Store) TakeLoginToken(ctx context.Context, hash string) error {
	var v string
	err := s.db.QueryRowContext(ctx, s.q(`DELETE FROM meta WHERE key = ? RETURNING value`), loginTokenPrefix+hash).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrLoginTokenUnknown
	}
	if err != nil {
		return fmt.Errorf("check a login link in the %s: %w", s.where(), err)
	}
	exp, err := strconv.ParseInt(v, 10, 64)
	if err != nil || s.now().UnixMilli() >= exp {
		return ErrLoginTokenUnknown
	}
	return nil
}
