package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/store"
)

// period is the span of time a page shows: the last Days days, or From..To (dates, To included).
type period struct {
	Since, Until time.Time // Until exclusive; zero means now
	Days         int
	From, To     string
	Label        string
}

// Query returns the period as URL parameters, for links that keep it.
func (p period) Query() string {
	v := url.Values{}
	if p.From != "" || p.To != "" {
		v.Set("from", p.From)
		v.Set("to", p.To)
	} else {
		v.Set("days", strconv.Itoa(p.Days))
	}
	return v.Encode()
}

const maxDays = 3660

func (h *Handler) parsePeriod(r *http.Request) (period, string) {
	q := r.URL.Query()
	now := h.now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	from, to := strings.TrimSpace(q.Get("from")), strings.TrimSpace(q.Get("to"))
	if from != "" || to != "" {
		p := period{From: from, To: to}
		var problem string
		if from != "" {
			t, err := time.Parse(time.DateOnly, from)
			if err != nil {
				problem = "“from” is not a date: write it as YYYY-MM-DD."
			}
			p.Since = t
		}
		if to != "" {
			t, err := time.Parse(time.DateOnly, to)
			if err != nil {
				problem = "“to” is not a date: write it as YYYY-MM-DD."
			}
			p.Until = t.AddDate(0, 0, 1)
		}
		if problem == "" && !p.Until.IsZero() && p.Until.Before(p.Since) {
			problem = "“to” is before “from”."
		}
		if problem == "" {
			switch {
			case from != "" && to != "":
				p.Label = from + " to " + to
			case from != "":
				p.Label = "since " + from
			default:
				p.Label = "until " + to
			}
			start := p.Since
			if start.IsZero() {
				start = p.Until.AddDate(0, 0, -maxDays)
			}
			end := p.Until
			if end.IsZero() {
				end = today.AddDate(0, 0, 1)
			}
			p.Days = max(1, int(end.Sub(start)/(24*time.Hour)))
			return p, ""
		}
		return h.lastDays(today, 30), problem
	}
	days := 30
	if d := q.Get("days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > maxDays {
			return h.lastDays(today, 30), fmt.Sprintf("“days” must be a whole number from 1 to %d.", maxDays)
		}
		days = n
	}
	return h.lastDays(today, days), ""
}

func (h *Handler) lastDays(today time.Time, days int) period {
	return period{Since: today.AddDate(0, 0, -(days - 1)), Days: days, Label: fmt.Sprintf("last %d days", days)}
}

// outcomeOrder is the order of the outcomes in charts and lists.
var outcomeOrder = []string{store.OutcomeAnswered, store.OutcomeRefused, store.OutcomeInvalid, store.OutcomeRateLimited, store.OutcomeError}

var outcomeLabels = map[string]string{
	store.OutcomeAnswered:    "answered",
	store.OutcomeRefused:     "refused (no answer in the source)",
	store.OutcomeInvalid:     "invalid (empty or too long)",
	store.OutcomeRateLimited: "rate-limited",
	store.OutcomeError:       "error",
}

type overviewData struct {
	Period        period
	Problem       string
	Total         int
	ByOutcome     []outcomeCount
	AnsweredShare string
	Helpful       int
	Wrong         int
	ModelPhrased  int
	Fallbacks     int
	Reasons       []reasonCount
	Chart         chart
}

// reasonCount is how often answers fell back for one reason.
type reasonCount struct {
	Reason string
	Count  int
}

type outcomeCount struct {
	Outcome, Label string
	Count          int
	Share          string
}

func share(n, of int) string {
	if of == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(of))
}

func (h *Handler) overview(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	p, problem := h.parsePeriod(r)
	days, err := h.cache.stats.rows(ctx, h.now(), p.Since, p.Until, h.opts.Store.DailyStats, func(d store.DayStat) time.Time { return d.Day })
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	d := overviewData{Period: p, Problem: problem}
	counts := map[string]int{}
	reasons := map[string]int{}
	for _, x := range days {
		counts[x.Outcome] += x.Count
		d.Total += x.Count
		d.ModelPhrased += x.ModelPhrased
		if x.Fallback != "" {
			d.Fallbacks += x.Count
			reasons[x.Fallback] += x.Count
		}
	}
	for _, o := range outcomeOrder {
		d.ByOutcome = append(d.ByOutcome, outcomeCount{Outcome: o, Label: outcomeLabels[o], Count: counts[o], Share: share(counts[o], d.Total)})
	}
	d.AnsweredShare = share(counts[store.OutcomeAnswered], d.Total)
	if d.Helpful, d.Wrong, err = h.opts.Store.FeedbackCounts(ctx, p.Since, p.Until); err != nil {
		h.fail(w, r, s, err)
		return
	}
	for reason, n := range reasons {
		d.Reasons = append(d.Reasons, reasonCount{Reason: reason, Count: n})
	}
	slices.SortFunc(d.Reasons, func(a, b reasonCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	if len(d.Reasons) > 10 {
		d.Reasons = d.Reasons[:10]
	}
	d.Chart = dailyChart(p, days, h.now())
	h.render(w, r, http.StatusOK, "overview", s, d)
}

// nearMiss is, for a refused question, what the answerer's retrieval found nearest.
type nearMiss struct {
	Reason  string
	Missing []string
	Events  []nearEvent
}

type nearEvent struct {
	ID, Date, Title string
	Why             string
	Passages        []nearPassage
}

type nearPassage struct {
	Text      string
	Paragraph int
	Score     string
}

var reasonLabels = map[answer.Reason]string{
	answer.Found:          "the retrieval finds an answer now (the knowledge changed since, or a model was unsure)",
	answer.NothingOnDate:  "nothing on that date",
	answer.NothingInRange: "nothing in that period",
	answer.OffTopic:       "no event covers enough of the question",
	answer.EmptyQuestion:  "no content words",
	answer.InvalidDate:    "the date does not exist",
	answer.Unsupported:    "the question says someone did something, or states a figure, the source does not say",
	answer.NoAmount:       "the question asks for a sum or a number the source does not give",
	answer.NoName:         "the question asks for a name, and the passages that would answer name no one",
}

// nearest runs the answerer's retrieval on a question, as the bot did, and keeps the events
// around its date and the best-matching events with their best passages: what a moderator
// needs to see to know what to add.
func nearest(t *knowledge.Timeline, text string) nearMiss {
	r := answer.Retrieve(t, answer.Question{Text: text})
	nm := nearMiss{Reason: reasonLabels[r.Reason]}
	for _, w := range r.Missing {
		if !contains(nm.Missing, w) {
			nm.Missing = append(nm.Missing, w)
		}
	}
	words := t.QueryWords(r.Parsed.Rest)
	seen := map[string]bool{}
	add := func(e *knowledge.Event, why string) {
		if e == nil || seen[e.ID] || len(nm.Events) >= 4 {
			return
		}
		seen[e.ID] = true
		ne := nearEvent{ID: e.ID, Date: e.Date.String(), Title: answer.ShortTitle(e, "en"), Why: why}
		for _, rp := range t.RankPassages(e, words) {
			if rp.Score <= 0 || len(ne.Passages) >= 2 {
				break
			}
			ps := e.Passages[rp.Index]
			ne.Passages = append(ne.Passages, nearPassage{Text: ps.Text, Paragraph: ps.Paragraph, Score: fmt.Sprintf("%.1f", rp.Score)})
		}
		nm.Events = append(nm.Events, ne)
	}
	for _, s := range r.Events {
		add(s.Event, "chosen by the retrieval")
	}
	add(r.Before, "nearest before the date asked")
	add(r.After, "nearest after the date asked")
	for _, e := range r.Alternatives {
		add(e, "matches as well")
	}
	res := t.Search(knowledge.Query{Text: r.Parsed.Rest, Limit: 3})
	for _, hit := range res.Hits {
		if hit.Score > 0 {
			add(hit.Event, fmt.Sprintf("shares words (covers %.0f%% of the question)", 100*hit.Coverage))
		}
	}
	return nm
}

type refusedGroup struct {
	store.Group
	Near nearMiss
	Link string
}

type refusedData struct {
	Period  period
	Problem string
	Groups  []refusedGroup
	Version string
}

// maxRefusedGroups bounds the groups a page shows (each runs one retrieval).
const maxRefusedGroups = 30

func (h *Handler) refused(w http.ResponseWriter, r *http.Request, s *session) {
	p, problem := h.parsePeriod(r)
	groups, err := h.refusedGroups(r.Context(), p)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	t := h.opts.Knowledge.Current()
	d := refusedData{Period: p, Problem: problem, Version: t.Version}
	for _, g := range groups {
		v := url.Values{"q": {g.Example}, "outcome": {store.OutcomeRefused}}
		near := h.cache.nearMiss(t.Version, g.Example, func() nearMiss { return nearest(t, g.Example) })
		d.Groups = append(d.Groups, refusedGroup{Group: g, Near: near, Link: "/admin/questions?" + v.Encode()})
	}
	h.render(w, r, http.StatusOK, "refused", s, d)
}

// refusedGroups adds up the refused questions of each day of the period by normalized text:
// the most asked first, each with its latest wording.
func (h *Handler) refusedGroups(ctx context.Context, p period) ([]store.Group, error) {
	load := func(ctx context.Context, since, until time.Time) ([]store.DayGroup, error) {
		return h.opts.Store.DailyGroups(ctx, since, until, []string{store.OutcomeRefused})
	}
	days, err := h.cache.refused.rows(ctx, h.now(), p.Since, p.Until, load, func(g store.DayGroup) time.Time { return g.Day })
	if err != nil {
		return nil, err
	}
	type acc struct {
		g      store.Group
		lastID int64
	}
	by := map[string]*acc{}
	for _, d := range days {
		a := by[d.Normalized]
		if a == nil {
			a = &acc{g: store.Group{Normalized: d.Normalized}}
			by[d.Normalized] = a
		}
		a.g.Count += d.Count
		if d.LastID > a.lastID {
			a.lastID, a.g.Last = d.LastID, d.Last
		}
	}
	all := make([]*acc, 0, len(by))
	for _, a := range by {
		all = append(all, a)
	}
	slices.SortFunc(all, func(a, b *acc) int {
		switch {
		case a.g.Count != b.g.Count:
			return b.g.Count - a.g.Count
		case !a.g.Last.Equal(b.g.Last):
			return b.g.Last.Compare(a.g.Last)
		}
		return strings.Compare(a.g.Normalized, b.g.Normalized)
	})
	if len(all) > maxRefusedGroups {
		all = all[:maxRefusedGroups]
	}
	ids := make([]int64, len(all))
	for i, a := range all {
		ids[i] = a.lastID
	}
	texts, err := h.opts.Store.QuestionTexts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]store.Group, len(all))
	for i, a := range all {
		out[i] = a.g
		out[i].Example = texts[a.lastID]
		if out[i].Example == "" {
			out[i].Example = a.g.Normalized // deleted by retention since
		}
	}
	return out, nil
}

type wrongItem struct {
	store.Feedback
	Question  *store.Question
	Text      string
	Event     *eventView
	CitedDesc []string
}

type eventView struct {
	ID, Date, Title, Summary string
}

func viewEvent(t *knowledge.Timeline, id string) *eventView {
	e := t.Event(id)
	if e == nil {
		return nil
	}
	return &eventView{ID: e.ID, Date: e.Date.String(), Title: answer.ShortTitle(e, "en"), Summary: e.Summary}
}

type feedbackData struct {
	Period  period
	Problem string
	Items   []wrongItem
	Helpful int
	Wrong   int
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	p, problem := h.parsePeriod(r)
	no := false
	fb, err := h.opts.Store.Feedback(ctx, store.FeedbackFilter{Since: p.Since, Helpful: &no, Limit: 200})
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	refs := make([]string, 0, len(fb))
	for _, f := range fb {
		refs = append(refs, f.QuestionRef)
	}
	byRef, err := h.opts.Store.QuestionsByRef(ctx, refs)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	d := feedbackData{Period: p, Problem: problem}
	if d.Helpful, d.Wrong, err = h.opts.Store.FeedbackCounts(ctx, p.Since, p.Until); err != nil {
		h.fail(w, r, s, err)
		return
	}
	t := h.opts.Knowledge.Current()
	for _, f := range fb {
		if !p.Until.IsZero() && !f.At.Before(p.Until) {
			continue
		}
		it := wrongItem{Feedback: f, Text: f.QuestionText, Event: viewEvent(t, f.EventID)}
		if q, ok := byRef[f.QuestionRef]; ok {
			it.Question = &q
			if it.Text == "" {
				it.Text = q.Text
			}
		}
		d.Items = append(d.Items, it)
	}
	h.render(w, r, http.StatusOK, "feedback", s, d)
}

type questionsData struct {
	Period                   period
	Problem                  string
	Q, Outcome, Entry, Lang  string
	Outcomes, Entries, Langs []string
	Items                    []store.Question
	Older                    string
	PageSize                 int
}

const questionsPage = 50

func (h *Handler) questions(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	p, problem := h.parsePeriod(r)
	d := questionsData{
		Period: p, Problem: problem, Q: q.Get("q"), Outcome: q.Get("outcome"), Entry: q.Get("entry"), Lang: q.Get("lang"),
		Outcomes: outcomeOrder, Entries: []string{store.EntrySlash, store.EntryDM, store.EntryMention, store.EntryButton},
		Langs: []string{"en", "fr"}, PageSize: questionsPage,
	}
	f := store.SearchFilter{QuestionFilter: store.QuestionFilter{
		Since: p.Since, Until: p.Until, Contains: d.Q, Entry: d.Entry, Limit: questionsPage, Newest: true, WithFeedback: true,
	}, Lang: d.Lang}
	if d.Outcome != "" {
		f.Outcomes = []string{d.Outcome}
	}
	if b, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && b > 0 {
		f.BeforeID = b
	}
	items, err := h.opts.Store.SearchQuestions(r.Context(), f)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	d.Items = items
	if len(items) == questionsPage {
		v := r.URL.Query()
		v.Set("before", strconv.FormatInt(items[len(items)-1].ID, 10))
		d.Older = "/admin/questions?" + v.Encode()
	}
	h.render(w, r, http.StatusOK, "questions", s, d)
}

type installView struct {
	store.Install
	Who, How string
	Current  bool
}

type versionsData struct {
	Current     string
	Installs    []installView
	Versions    []store.KnowledgeVersion
	Failures    []store.ReloadFailure
	CanRollback bool
	Rolled      string
	A, B        string
}

// describeTrigger says who installed a version and how, from the trigger the reload recorded.
func describeTrigger(trigger string) (who, how string) {
	fields := strings.Fields(trigger)
	if len(fields) == 0 {
		return "–", "unknown"
	}
	rollback := ""
	for _, f := range fields[1:] {
		if v, ok := strings.CutPrefix(f, "version:"); ok {
			rollback = v
		}
	}
	first := fields[0]
	switch {
	case first == "startup":
		return "the operator", "started with the knowledge file (KNOWLEDGE_FILE)"
	case first == "sighup":
		return "the operator", "SIGHUP (file reloaded)"
	case first == "watch":
		return "the operator", "file changed on disk (KNOWLEDGE_WATCH)"
	case strings.HasPrefix(first, "admin:"):
		who := strings.TrimPrefix(first, "admin:")
		if id, ok := strings.CutPrefix(who, "discord:"); ok {
			who = "Discord user " + id
		}
		if rollback != "" {
			return who, "rollback on the moderators' page"
		}
		return who, "moderators' page"
	case strings.HasPrefix(first, "discord:"):
		who := "Discord user " + strings.TrimPrefix(first, "discord:")
		if rollback != "" {
			return who, "/reload version:" + rollback
		}
		return who, "/reload"
	}
	return trigger, trigger
}

func (h *Handler) rollbackAvailable() bool {
	return h.opts.Reloader != nil && h.opts.Reloader.Available()
}

func (h *Handler) versions(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	ins, err := h.opts.Store.Installs(ctx, 100)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	vs, err := h.opts.Store.KnowledgeVersions(ctx, "", 200)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	fails, err := h.opts.Store.ReloadFailures(ctx, 20)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	cur := h.opts.Knowledge.Current().Version
	d := versionsData{Current: cur, Versions: vs, Failures: fails, CanRollback: h.rollbackAvailable(), Rolled: r.URL.Query().Get("rolledback")}
	for i, in := range ins {
		who, how := describeTrigger(in.Trigger)
		d.Installs = append(d.Installs, installView{Install: in, Who: who, How: how, Current: i == 0 && in.Version == cur})
	}
	if len(ins) > 0 {
		d.B = ins[0].Version
		d.A = ins[0].Previous
	}
	h.render(w, r, http.StatusOK, "versions", s, d)
}

type diffEvent struct {
	ID       string
	Old, New *eventDetail
}

type eventDetail struct {
	Date, Title, Summary string
	Passages             []string
}

func detail(t *knowledge.Timeline, id string) *eventDetail {
	e := t.Event(id)
	if e == nil {
		return nil
	}
	d := &eventDetail{Date: e.Date.String(), Title: e.Title, Summary: e.Summary}
	for _, p := range e.Passages {
		d.Passages = append(d.Passages, p.Text)
	}
	return d
}

type diffData struct {
	A, B                    string
	Versions                []store.KnowledgeVersion
	Added, Removed, Changed []diffEvent
	Problem                 string
	Same                    bool
}

func (h *Handler) diff(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	a, b := strings.TrimSpace(r.URL.Query().Get("a")), strings.TrimSpace(r.URL.Query().Get("b"))
	vs, err := h.opts.Store.KnowledgeVersions(ctx, "", 200)
	if err != nil {
		h.fail(w, r, s, err)
		return
	}
	d := diffData{A: a, B: b, Versions: vs}
	if a == "" || b == "" {
		d.Problem = "Choose two versions."
		h.render(w, r, http.StatusOK, "diff", s, d)
		return
	}
	var ts [2]*knowledge.Timeline
	for i, name := range []string{a, b} {
		v, err := h.opts.Store.KnowledgeVersion(ctx, name)
		if err == nil {
			ts[i], err = v.Timeline()
		}
		if err != nil {
			d.Problem = err.Error()
			status := http.StatusInternalServerError
			if errors.Is(err, store.ErrNoVersion) {
				status = http.StatusNotFound
			}
			h.render(w, r, status, "diff", s, d)
			return
		}
	}
	added, removed, changed := knowledge.Diff(ts[0], ts[1])
	for _, id := range added {
		d.Added = append(d.Added, diffEvent{ID: id, New: detail(ts[1], id)})
	}
	for _, id := range removed {
		d.Removed = append(d.Removed, diffEvent{ID: id, Old: detail(ts[0], id)})
	}
	for _, id := range changed {
		d.Changed = append(d.Changed, diffEvent{ID: id, Old: detail(ts[0], id), New: detail(ts[1], id)})
	}
	d.Same = len(added)+len(removed)+len(changed) == 0
	h.render(w, r, http.StatusOK, "diff", s, d)
}

func (h *Handler) rollback(w http.ResponseWriter, r *http.Request, s *session) {
	version := strings.TrimSpace(r.PostFormValue("version"))
	if !h.rollbackAvailable() {
		h.message(w, r, s, http.StatusConflict, "Rollback is not available: the bot serves its embedded knowledge. Set KNOWLEDGE_FILE to a knowledge file and restart.")
		return
	}
	v, err := h.opts.Store.KnowledgeVersion(r.Context(), version)
	if err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, store.ErrNoVersion) {
			status = http.StatusNotFound
		}
		h.message(w, r, s, status, "Rollback refused: "+err.Error())
		return
	}
	rep, err := h.opts.Reloader.Reload(r.Context(), "admin:"+s.Who+" version:"+version, []byte(v.Content))
	if err != nil {
		h.log.Warn("admin rollback failed", "who", s.Who, "version", version, "err", err)
		h.message(w, r, s, http.StatusConflict, "Rollback refused; the previous knowledge keeps serving: "+err.Error())
		return
	}
	h.log.Info("admin rollback", "who", s.Who, "version", version, "old_version", rep.OldVersion, "new_version", rep.NewVersion)
	if rep.NewVersion != version {
		h.message(w, r, s, http.StatusOK, fmt.Sprintf("Installed version %s, not %s: the stored file's source text differs from the source file on disk now, so the rebuilt version differs.", rep.NewVersion, version))
		return
	}
	http.Redirect(w, r, "/admin/versions?rolledback="+url.QueryEscape(version), http.StatusSeeOther)
}
