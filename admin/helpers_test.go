package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/admin"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/reload"
	"github.com/timelinebot/timelinebot/store"
)

// clock is a settable clock shared by the store and the page.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is the page served on httptest over a real SQLite store, the knowledge file testdata/harbour.yaml
// copied to a temporary folder and a real reload manager.
type env struct {
	t     testing.TB
	st    *store.Store
	ks    *knowledge.Store
	rl    *reload.Manager
	h     *admin.Handler
	srv   *httptest.Server
	path  string
	clock *clock
	v1    string
}

func newEnv(t testing.TB, databaseURL string, configure func(*admin.Options)) *env {
	t.Helper()
	data, err := os.ReadFile("testdata/harbour.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "knowledge.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return newEnvWith(t, databaseURL, path, configure)
}

// newEnvWith serves the knowledge file at path (which reloads and rollbacks rewrite).
func newEnvWith(t testing.TB, databaseURL, path string, configure func(*admin.Options)) *env {
	t.Helper()
	e := &env{t: t, clock: &clock{now: time.Now().UTC()}, path: path}
	dir := t.TempDir()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := knowledge.LoadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	e.v1 = tl.Version
	target, _, err := store.ParseURL(databaseURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	e.st, err = store.Open(context.Background(), target, store.Options{Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = e.st.Close(ctx)
	})
	e.saveVersion(tl, string(data), "startup", "")
	e.ks = knowledge.NewStore(tl)
	e.rl = reload.New(e.ks, e.path, nil, nil)
	// As serve does (cmd/timelinebot recordReloads): every install is stored.
	e.rl.OnResult(func(o reload.Outcome) {
		if o.Result != reload.ResultOK || o.Data == nil {
			return
		}
		prev := ""
		if o.Old != nil {
			prev = o.Old.Version
		}
		e.saveVersion(o.New, string(o.Data), o.Trigger, prev)
	})
	e.srv = httptest.NewUnstartedServer(nil)
	e.srv.Start()
	opts := admin.Options{Store: e.st, Knowledge: e.ks, Reloader: e.rl, BaseURL: e.srv.URL, Now: e.clock.Now}
	if configure != nil {
		configure(&opts)
	}
	e.h, err = admin.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Config.Handler = e.h
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) saveVersion(tl *knowledge.Timeline, content, trigger, prev string) {
	e.t.Helper()
	v := store.KnowledgeVersion{Version: tl.Version, Title: tl.Title, Events: len(tl.Events), Origin: e.path, Content: content}
	if _, err := e.st.SaveInstall(context.Background(), v, store.Install{Trigger: trigger, Previous: prev}); err != nil {
		e.t.Fatal(err)
	}
}

// record writes questions and feedback and waits until the writer has them.
func (e *env) record(qs []store.Question, fb []store.Feedback) {
	e.t.Helper()
	before := e.st.WriterStats().Written
	for _, q := range qs {
		e.st.RecordQuestion(q)
	}
	for _, f := range fb {
		e.st.RecordFeedback(f)
	}
	want := before + int64(len(qs)+len(fb))
	deadline := time.Now().Add(10 * time.Second)
	for e.st.WriterStats().Written < want {
		if time.Now().After(deadline) {
			e.t.Fatalf("records not written within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// client is a browser: it keeps cookies and does not follow redirects, so tests see them.
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 30 * time.Second}
}

type response struct {
	status int
	body   string
	header http.Header
}

func do(t testing.TB, c *http.Client, method, u string, form url.Values) response {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, body: string(b), header: resp.Header}
}

func (e *env) get(c *http.Client, path string) response {
	return do(e.t, c, http.MethodGet, e.srv.URL+path, nil)
}

func (e *env) post(c *http.Client, path string, form url.Values) response {
	return do(e.t, c, http.MethodPost, e.srv.URL+path, form)
}

// link issues an admin-link login link, as `timelinebot admin-link` does.
func (e *env) link() string {
	e.t.Helper()
	l, err := admin.NewLoginLink(context.Background(), e.st, e.srv.URL, e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

func tokenOf(t testing.TB, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("t")
}

// login logs a new browser in with a login link.
func (e *env) login() *http.Client {
	e.t.Helper()
	c := e.client()
	r := e.post(c, "/admin/link", url.Values{"t": {tokenOf(e.t, e.link())}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/" {
		e.t.Fatalf("login with a fresh link: %d %s\n%s", r.status, r.header.Get("Location"), r.body)
	}
	return c
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads the session's CSRF token from a page.
func (e *env) csrf(c *http.Client) string {
	e.t.Helper()
	m := csrfRE.FindStringSubmatch(e.get(c, "/admin/").body)
	if m == nil {
		e.t.Fatal("no CSRF token on the overview")
	}
	return m[1]
}

func sqlite(t testing.TB) string { return testdb.SQLiteURL(t) }
