package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/admin"
	"github.com/timelinebot/timelinebot/store"
)

var pagePaths = []string{"/admin/", "/admin/refused", "/admin/feedback", "/admin/questions", "/admin/versions", "/admin/diff?a=x&b=y", "/admin/nope"}

func TestNoPageWithoutASession(t *testing.T) {
	e := newEnv(t, sqlite(t), nil)
	c := e.client()
	for _, p := range pagePaths {
		r := e.get(c, p)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/login" {
			t.Errorf("GET %s without a session: %d → %q, want 303 → /admin/login", p, r.status, r.header.Get("Location"))
		}
		if strings.Contains(r.body, "Northport") {
			t.Errorf("GET %s without a session shows data", p)
		}
	}
	for _, p := range []string{"/admin/rollback", "/admin/logout"} {
		r := e.post(c, p, url.Values{"version": {e.v1}})
		if r.status != http.StatusUnauthorized {
			t.Errorf("POST %s without a session: %d, want 401", p, r.status)
		}
	}
	// A forged session cookie is no session.
	u, _ := url.Parse(e.srv.URL + "/admin/")
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "timelinebot_admin", Value: "forged", Path: "/admin/"}})
	if r := e.get(c, "/admin/"); r.status != http.StatusSeeOther {
		t.Errorf("forged session cookie: %d, want 303", r.status)
	}
	// The login page itself is public and says how to get in.
	if r := e.get(c, "/admin/login"); r.status != http.StatusOK || !strings.Contains(r.body, "timelinebot admin-link") {
		t.Errorf("login page: %d\n%s", r.status, r.body)
	}
}

func TestLoginLinksWorkOnceForTenMinutes(t *testing.T) {
	e := newEnv(t, sqlite(t), nil)
	link := e.link()
	if !strings.HasPrefix(link, e.srv.URL+"/admin/link?t=") {
		t.Fatalf("link %q", link)
	}
	tok := tokenOf(t, link)
	c := e.client()
	// Opening the link (as a chat client's preview would) uses nothing: it shows a button.
	r := do(t, c, http.MethodGet, link, nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, `action="/admin/link"`) || !strings.Contains(r.body, `value="`+tok+`"`) {
		t.Fatalf("GET link: %d\n%s", r.status, r.body)
	}
	if e.get(c, "/admin/").status != http.StatusSeeOther {
		t.Fatal("opening the link logged in")
	}
	r = e.post(c, "/admin/link", url.Values{"t": {tok}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/" {
		t.Fatalf("first use: %d %s", r.status, r.body)
	}
	if r := e.get(c, "/admin/"); r.status != http.StatusOK || !strings.Contains(r.body, "Overview") {
		t.Fatalf("overview after login: %d", r.status)
	}

	tests := []struct {
		name  string
		token string
		wait  time.Duration
	}{
		{"reused", tok, 0},
		{"forged", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0},
		{"empty", "", 0},
		{"expired", tokenOf(t, e.link()), admin.LinkLifetime},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.clock.Add(tc.wait)
			c := e.client()
			r := e.post(c, "/admin/link", url.Values{"t": {tc.token}})
			if r.status != http.StatusForbidden && r.status != http.StatusBadRequest {
				t.Fatalf("%s link: %d, want 403 or 400", tc.name, r.status)
			}
			if !strings.Contains(r.body, "admin-link") {
				t.Errorf("%s link: the refusal does not say how to get a new link:\n%s", tc.name, r.body)
			}
			if e.get(c, "/admin/").status != http.StatusSeeOther {
				t.Errorf("%s link logged in", tc.name)
			}
		})
	}
}

func TestSessionCookies(t *testing.T) {
	tests := []struct {
		name   string
		base   string
		secure bool
	}{
		{"http", "", false},
		{"behind https", "https://bot.example.org", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, sqlite(t), func(o *admin.Options) {
				if tc.base != "" {
					o.BaseURL = tc.base
				}
				o.SessionTTL = time.Hour
			})
			c := e.client()
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/admin/link", strings.NewReader(url.Values{"t": {tokenOf(t, e.link())}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			var got *http.Cookie
			for _, ck := range resp.Cookies() {
				if ck.Name == "timelinebot_admin" {
					got = ck
				}
			}
			if got == nil {
				t.Fatal("no session cookie")
			}
			if !got.HttpOnly || got.SameSite != http.SameSiteLaxMode || got.Secure != tc.secure || got.Path != "/admin/" || got.MaxAge != 3600 {
				t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Secure=%v, Path=/admin/, Max-Age=3600", got, tc.secure)
			}
			if tc.secure {
				return // the jar does not send a Secure cookie over http
			}
			if e.get(c, "/admin/").status != http.StatusOK {
				t.Fatal("session not accepted")
			}
			e.clock.Add(time.Hour + time.Second)
			if e.get(c, "/admin/").status != http.StatusSeeOther {
				t.Error("an expired session still gets pages")
			}
		})
	}
}

func TestStateChangesNeedTheCSRFToken(t *testing.T) {
	e := newEnv(t, sqlite(t), nil)
	c := e.login()
	csrf := e.csrf(c)
	other := e.csrf(e.login()) // another session's token
	tests := []struct {
		name string
		form url.Values
	}{
		{"none", url.Values{"version": {e.v1}}},
		{"empty", url.Values{"version": {e.v1}, "csrf": {""}}},
		{"another session's", url.Values{"version": {e.v1}, "csrf": {other}}},
		{"forged", url.Values{"version": {e.v1}, "csrf": {"x" + csrf}}},
	}
	for _, tc := range tests {
		for _, path := range []string{"/admin/rollback", "/admin/logout"} {
			r := e.post(c, path, tc.form)
			if r.status != http.StatusForbidden || !strings.Contains(r.body, "CSRF") {
				t.Errorf("POST %s with %s CSRF token: %d, want 403\n%s", path, tc.name, r.status, r.body)
			}
		}
	}
	if e.get(c, "/admin/").status != http.StatusOK {
		t.Fatal("a refused logout logged out")
	}
	if r := e.post(c, "/admin/logout", url.Values{"csrf": {csrf}}); r.status != http.StatusSeeOther {
		t.Fatalf("logout with the token: %d", r.status)
	}
	if e.get(c, "/admin/").status != http.StatusSeeOther {
		t.Error("still logged in after logout")
	}
}

func TestLoginAttemptsAreRateLimited(t *testing.T) {
	e := newEnv(t, sqlite(t), func(o *admin.Options) { o.LoginBurst = 3 })
	c := e.client()
	var statuses []int
	for range 5 {
		statuses = append(statuses, e.post(c, "/admin/link", url.Values{"t": {"wrong"}}).status)
	}
	want := []int{403, 403, 403, 429, 429}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses %v, want %v", statuses, want)
		}
	}
	// Even a good link waits: the limit is on attempts, not failures.
	if r := e.post(c, "/admin/link", url.Values{"t": {tokenOf(t, e.link())}}); r.status != http.StatusTooManyRequests {
		t.Errorf("good link while limited: %d", r.status)
	}
}

// hostile are questions that would run script if printed unescaped.
var hostile = []string{`<script>alert("pwned")</script> when did the bridge open?`, `<img src=x onerror=alert(1)> who is the mayor?`}

func seedQuestions(e *env) {
	now := e.clock.Now()
	qs := []store.Question{
		{Ref: "q1", At: now.Add(-3 * time.Hour), Entry: store.EntrySlash, Text: "When did the bridge open?", Lang: "en", Outcome: store.OutcomeAnswered,
			Answer: "On 2 March 1999 the mayor opened the bridge.", EventIDs: []string{"1999-03-02-opening"}, KnowledgeVersion: e.v1,
			Citations: []store.Citation{{EventID: "1999-03-02-opening", Date: "1999-03-02", Quote: "On 2 March 1999 the mayor, Ada Quist, opened the bridge to traffic.", Paragraph: 2}}},
		{Ref: "q2", At: now.Add(-2 * time.Hour), Entry: store.EntryDM, Text: "Who built the ferry?", Lang: "en", Outcome: store.OutcomeRefused, Answer: "The source does not say."},
		{Ref: "q3", At: now.Add(-90 * time.Minute), Entry: store.EntryMention, Text: "who built the ferry", Lang: "en", Outcome: store.OutcomeRefused},
		{Ref: "q4", At: now.Add(-80 * time.Minute), Entry: store.EntrySlash, Text: "Qui a payé le péage ?", Lang: "fr", Outcome: store.OutcomeRefused},
		{Ref: "q5", At: now.Add(-70 * time.Minute), Entry: store.EntrySlash, Text: hostile[0], Lang: "en", Outcome: store.OutcomeRefused, Answer: hostile[0]},
		{Ref: "q6", At: now.Add(-60 * time.Minute), Entry: store.EntrySlash, Text: hostile[1], Lang: "en", Outcome: store.OutcomeAnswered, ModelPhrased: true, Fallback: "a quote did not verify",
			Answer: "Ada Quist.", Citations: []store.Citation{{EventID: "1999-03-02-opening", Date: "1999-03-02", Quote: hostile[1], Paragraph: 2}}},
		{Ref: "q7", At: now.Add(-50 * time.Minute), Entry: store.EntrySlash, Text: "spam", Outcome: store.OutcomeRateLimited},
	}
	fb := []store.Feedback{
		{At: now.Add(-40 * time.Minute), QuestionRef: "q1", Helpful: false, EventID: "1999-03-02-opening", Cited: []string{"1999-03-02-opening"}, QuestionText: "When did the bridge open?"},
		{At: now.Add(-30 * time.Minute), QuestionRef: "q6", Helpful: false, EventID: "1999-03-02-opening", QuestionText: hostile[1]},
		{At: now.Add(-20 * time.Minute), QuestionRef: "q1", Helpful: true, EventID: "1999-03-02-opening"},
	}
	e.record(qs, fb)
}

func TestEveryPageShowsWhatAModeratorNeedsAndEscapesWhatUsersTyped(t *testing.T) {
	e := newEnv(t, sqlite(t), nil)
	seedQuestions(e)
	c := e.login()
	tests := []struct {
		path string
		want []string
	}{
		{"/admin/", []string{"<svg", "7</span> questions", "29%</span> answered", "2</span> Wrong event", "1</span> model fallbacks", "a quote did not verify", "refused (no answer in the source)"}},
		{"/admin/?days=7", []string{"last 7 days"}},
		{"/admin/refused", []string{"<q>who built the ferry</q> <span class=\"count\">×2", "Why refused:", "1999-03-02-opening", "see each question"}},
		{"/admin/feedback", []string{"When did the bridge open?", "On 2 March 1999 the mayor opened the bridge.", "Mayor Ada Quist opens the bridge", "1999-03-02-opening"}},
		{"/admin/questions", []string{"Qui a payé le péage ?", "On 2 March 1999 the mayor, Ada Quist, opened the bridge to traffic.", "Wrong event 1999-03-02-opening", "Helpful"}},
		{"/admin/questions?lang=fr", []string{"Qui a payé le péage ?"}},
		{"/admin/questions?q=ferry&outcome=refused&entry=dm", []string{"Who built the ferry?"}},
		{"/admin/versions", []string{e.v1[:12], "started with the knowledge file", "served now"}},
	}
	for _, tc := range tests {
		r := e.get(c, tc.path)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: %d\n%s", tc.path, r.status, r.body)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(r.body, w) {
				t.Errorf("GET %s does not show %q", tc.path, w)
			}
		}
		for _, bad := range []string{"<script", "<img"} {
			if strings.Contains(strings.ToLower(r.body), bad) {
				t.Errorf("GET %s carries %q as markup", tc.path, bad)
			}
		}
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("GET %s: Content-Security-Policy %q", tc.path, csp)
		}
	}
	// The log filters leave out what does not match.
	if r := e.get(c, "/admin/questions?lang=fr"); strings.Contains(r.body, "ferry") {
		t.Error("the French filter shows English questions")
	}
	// The hostile questions are shown, as text.
	r := e.get(c, "/admin/questions")
	for _, want := range []string{"&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the question log does not show %q as text", want)
		}
	}
	// A bad period is said, not fatal.
	if r := e.get(c, "/admin/?from=yesterday"); r.status != http.StatusOK || !strings.Contains(r.body, "YYYY-MM-DD") {
		t.Errorf("bad period: %d", r.status)
	}
}

func TestDiffAndRollback(t *testing.T) {
	e := newEnv(t, sqlite(t), nil)
	c := e.login()
	csrf := e.csrf(c)
	data, _ := os.ReadFile(e.path)
	v2 := strings.Replace(string(data), "summary: The mayor, Ada Quist, opens the bridge to traffic; thousands cross it on foot.",
		"summary: The mayor opens the bridge; thousands cross it.", 1)
	rep, err := e.rl.Reload(context.Background(), "discord:42", []byte(v2))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changed) != 1 {
		t.Fatalf("v2 changed %v", rep.Changed)
	}
	r := e.get(c, "/admin/versions")
	if !strings.Contains(r.body, "Discord user 42") || !strings.Contains(r.body, "/reload") || !strings.Contains(r.body, "Roll back to this") {
		t.Fatalf("versions page after a reload:\n%s", r.body)
	}
	r = e.get(c, "/admin/diff?a="+e.v1+"&b="+rep.NewVersion)
	if r.status != http.StatusOK || !strings.Contains(r.body, "Changed (1)") || !strings.Contains(r.body, "thousands cross it on foot") || !strings.Contains(r.body, "The mayor opens the bridge; thousands cross it.") {
		t.Fatalf("diff: %d\n%s", r.status, r.body)
	}
	if r := e.get(c, "/admin/diff?a="+e.v1+"&b=nope"); r.status != http.StatusNotFound {
		t.Errorf("diff with an unknown version: %d", r.status)
	}
	if r := e.post(c, "/admin/rollback", url.Values{"csrf": {csrf}, "version": {"nope"}}); r.status != http.StatusNotFound {
		t.Errorf("rollback to an unknown version: %d", r.status)
	}
	r = e.post(c, "/admin/rollback", url.Values{"csrf": {csrf}, "version": {e.v1}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("rollback: %d\n%s", r.status, r.body)
	}
	if got := e.ks.Current().Version; got != e.v1 {
		t.Fatalf("served %s after the rollback, want %s", got, e.v1)
	}
	r = e.get(c, r.header.Get("Location"))
	if !strings.Contains(r.body, "Rolled back") || !strings.Contains(r.body, "rollback on the moderators&#39; page") || !strings.Contains(r.body, "admin-link") {
		t.Errorf("versions page after the rollback:\n%s", r.body)
	}
	ins, _, _ := e.st.LatestInstall(context.Background())
	if ins.Version != e.v1 || !strings.HasPrefix(ins.Trigger, "admin:admin-link version:") {
		t.Errorf("latest install %+v", ins)
	}
}

func TestRollbackNeedsAKnowledgeFile(t *testing.T) {
	e := newEnv(t, sqlite(t), func(o *admin.Options) { o.Reloader = nil })
	c := e.login()
	if r := e.post(c, "/admin/rollback", url.Values{"csrf": {e.csrf(c)}, "version": {e.v1}}); r.status != http.StatusConflict || !strings.Contains(r.body, "KNOWLEDGE_FILE") {
		t.Errorf("rollback without a reloader: %d\n%s", r.status, r.body)
	}
}

// The overview and the refused page keep ended days' counts: today's questions show at once,
// a question recorded late on an ended day shows once the kept counts expire (an hour).
func TestEndedDaysAreKeptAndTodayIsLive(t *testing.T) {
	e := newEnv(t, sqlite(t), nil)
	// Noon, so "yesterday" has ended well before whatever time the test runs.
	e.clock.mu.Lock()
	e.clock.now = time.Date(e.clock.now.Year(), e.clock.now.Month(), e.clock.now.Day(), 12, 0, 0, 0, time.UTC)
	e.clock.mu.Unlock()
	c := e.login()
	now := e.clock.Now()
	yesterday := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	e.record([]store.Question{
		{Ref: "a", At: yesterday, Entry: store.EntrySlash, Text: "Who built the ferry?", Outcome: store.OutcomeRefused},
		{Ref: "b", At: now.Add(-time.Second), Entry: store.EntrySlash, Text: "who built the ferry", Outcome: store.OutcomeRefused},
	}, nil)
	check := func(questions, refusedCount string) {
		t.Helper()
		if r := e.get(c, "/admin/"); !strings.Contains(r.body, questions+"</span> questions") {
			t.Errorf("overview does not count %s questions", questions)
		}
		if r := e.get(c, "/admin/refused"); !strings.Contains(r.body, "×"+refusedCount) {
			t.Errorf("refused page does not count ×%s", refusedCount)
		}
	}
	check("2", "2")
	e.record([]store.Question{
		{Ref: "c", At: now.Add(-time.Second), Entry: store.EntrySlash, Text: "Who built the ferry?", Outcome: store.OutcomeRefused},
		{Ref: "d", At: yesterday.Add(time.Hour), Entry: store.EntrySlash, Text: "Who built the ferry?", Outcome: store.OutcomeRefused},
	}, nil)
	check("3", "3") // today's at once; yesterday's late record not yet
	e.clock.Add(time.Hour)
	check("4", "4")
}
