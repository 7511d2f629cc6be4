package main

import (
	"bytes"
	"context"
	"flag"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
)

var screenshots = flag.Bool("screenshots", false, "save the moderators' page screenshots of TestAdminPageInABrowser into docs/admin/")

// freeAddr returns a local address no one listens on, so ADMIN_BASE_URL can name it before serve
// starts.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// adminRun is a real run for the moderators' page: serve with a knowledge file, the database,
// HTTP_ADDR, and questions asked, feedback clicked and a reload done through the fake Discord.
type adminRun struct {
	*reloadServed
	base string
	env  []string
}

var hostileQuestions = []string{
	`<script>alert("pwned")</script> What happened on 9 November 2016?`,
	`<img src=x onerror=alert(1)> Who is Julian Assange?`,
}

func startAdminRun(t *testing.T) *adminRun {
	t.Helper()
	addr := freeAddr(t)
	env := []string{"HTTP_ADDR=" + addr, "ADMIN_BASE_URL=http://" + addr, "DATABASE_URL=" + testdb.SQLiteURL(t), "RATE_LIMIT_ENABLED=false"}
	a := &adminRun{reloadServed: serveWithKnowledgeFile(t, env...), base: "http://" + addr, env: env}
	ask := func(q string) string {
		id := a.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)))
		cb, err := a.fake.WaitCallback(ctxFor(t, 5*time.Second), id)
		if err != nil {
			t.Fatalf("no callback for %q: %v", q, err)
		}
		var wrong string
		if cb.Message != nil {
			for _, cid := range cb.Message.CustomIDs() {
				if strings.HasPrefix(cid, "fb:n:") && wrong == "" {
					wrong = cid
					fid := a.fake.DispatchInteraction(fakediscord.InteractionSpec{Type: 3, CustomID: cid, ComponentType: 2, MessageID: cb.Message.ID})
					if _, err := a.fake.WaitCallback(ctxFor(t, 5*time.Second), fid); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		return wrong
	}
	if ask("What did WikiLeaks ask for on 21 October 2016?") == "" {
		t.Fatal("the answer has no Wrong event button")
	}
	for _, q := range append([]string{"Who won the 1998 World Cup?", "who won the 1998 world cup", "Qui a gagné la coupe du monde 1998 ?"}, hostileQuestions...) {
		id := a.fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)))
		if _, err := a.fake.WaitCallback(ctxFor(t, 5*time.Second), id); err != nil {
			t.Fatalf("no callback for %q: %v", q, err)
		}
	}
	dm := a.fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Author: fakediscord.User{ID: "3000000000000000042", Username: "reader"}, Content: "What happened on Nov 8?"})
	if _, err := a.fake.WaitChannelMessage(ctxFor(t, 5*time.Second), func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == dm }); err != nil {
		t.Fatal(err)
	}
	// A moderator edits the file and reloads it: version 2.
	if err := os.WriteFile(a.path, bytes.Replace(a.orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := a.reload(t, "32", ""); !strings.Contains(got, "Changed (1)") {
		t.Fatalf("/reload: %s", got)
	}
	return a
}

// adminLink runs `timelinebot admin-link` against the run's settings.
func (a *adminRun) adminLink(t *testing.T) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"admin-link"}, a.env, &out, &errOut); err != nil {
		t.Fatalf("admin-link: %v\n%s", err, errOut.String())
	}
	link := strings.TrimSpace(out.String())
	if !strings.HasPrefix(link, a.base+"/admin/link?t=") || strings.Count(link, "\n") != 0 {
		t.Fatalf("admin-link printed %q", out.String())
	}
	return link
}

func TestAdminLinkNeedsTheListenerAndTheDatabase(t *testing.T) {
	tests := []struct {
		name string
		env  []string
	}{
		{"no HTTP_ADDR", []string{"DATABASE_URL=" + testdb.SQLiteURL(t)}},
		{"no database", []string{"HTTP_ADDR=127.0.0.1:8080", "DATABASE_URL=none"}},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"admin-link"}, tc.env, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") || !strings.Contains(err.Error(), "DATABASE_URL") || out.Len() != 0 {
			t.Errorf("%s: err %v, printed %q", tc.name, err, out.String())
		}
	}
}

// The page is wired into serve: off the login page nothing answers without a session, and an
// admin-link logs in once.
func TestServeServesTheAdminPage(t *testing.T) {
	a := startAdminRun(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := c.Get(a.base + "/admin/questions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/admin/login" {
		t.Fatalf("without a session /admin/questions ends at %s", resp.Request.URL)
	}
	tok, _ := url.Parse(a.adminLink(t))
	form := url.Values{"t": {tok.Query().Get("t")}}
	for i, want := range []string{"/admin/", "/admin/link"} {
		resp, err := c.PostForm(a.base+"/admin/link", form)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.Request.URL.Path != want {
			t.Fatalf("use %d of the link ends at %s (%d), want %s", i+1, resp.Request.URL, resp.StatusCode, want)
		}
		if i == 0 && !strings.Contains(b.String(), "7</span> questions") {
			t.Errorf("the overview does not count the run's 7 questions:\n%s", b.String())
		}
	}
	// /metrics still answers beside it.
	if resp, err := http.Get(a.base + "/metrics"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("/metrics: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

// chromium finds the headless browser .ci/run installs (Debian's chromium); CI must not skip.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium: .ci/run installs it (apt-get install -y chromium); CI must not skip the browser test")
	}
	t.Skip("no chromium on this machine: apt-get install -y chromium to run the browser test")
	return ""
}

// TestAdminPageInABrowser logs in with an admin-link in headless Chromium, opens every page
// with the data of a real run, checks what a moderator must see, rolls back the reload, and
// saves screenshots (into docs/admin/ with -screenshots).
func TestAdminPageInABrowser(t *testing.T) {
	path := chromium(t)
	a := startAdminRun(t)
	link := a.adminLink(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	dir := t.TempDir()
	if *screenshots {
		dir = filepath.Join("..", "..", "docs", "admin")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // PNG at quality 100
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// mainText reads what the page shows, and checks that a question holding <script> or
	// <img onerror> stayed text: no element came of it.
	mainText := func(page string) string {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.scripts.length + document.images.length`))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		if n != 0 {
			t.Errorf("%s has %d script or img elements: a question became markup", page, n)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		return text
	}
	mustSee := func(page, got string, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s does not show %q; it shows:\n%s", page, w, got)
			}
		}
	}

	// Log in with the link: opening it shows a button, the button logs in.
	do("login", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`form[action="/admin/link"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/admin/link"] button`)), chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
	main := mainText("the overview")
	shot("overview")
	mustSee("the overview", main, "7 questions", "answered", "0 Helpful · 1 Wrong event", "Questions per day by outcome", "refused (no answer in the source)")

	pages := []struct {
		path, wait, name string
		want             []string
	}{
		{"/admin/refused", "article.group", "refused", []string{"who won the 1998 world cup ×2", "Why refused", "the source never mentions"}},
		{"/admin/feedback", "article.item", "feedback", []string{"What did WikiLeaks ask for on 21 October 2016?", "Answer shown", "Event flagged", "2016-10-21"}},
		{"/admin/questions", "article.item", "questions", []string{hostileQuestions[0], hostileQuestions[1], "What happened on Nov 8?", "dm", "Wrong event"}},
		{"/admin/questions?lang=fr", "article.item", "", []string{"Qui a gagné la coupe du monde 1998 ?"}},
		{"/admin/versions", "table.installs", "versions", []string{"served now", "/reload", "started with the knowledge file", "Roll back to this"}},
	}
	for _, p := range pages {
		do(p.path, chromedp.Navigate(a.base+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		main = mainText(p.path)
		if p.name != "" {
			shot(p.name)
		}
		mustSee(p.path, main, p.want...)
	}
	if strings.Contains(main, "Who won") {
		t.Error("the French filter shows English questions")
	}

	// The diff of the reload, from the versions page's link.
	do("diff", chromedp.Navigate(a.base+"/admin/versions"), chromedp.Click(chromedp.CSS(`table.installs a[href^="/admin/diff"]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.diff`)))
	main = mainText("the diff")
	shot("diff")
	mustSee("the diff", main, "Changed (1)", "2016-10-21-tax-returns", "before", "after", reloadTaxNew)

	// Roll back to the first version.
	do("rollback", chromedp.Navigate(a.base+"/admin/versions"), chromedp.Click(chromedp.CSS(`form[action="/admin/rollback"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice`)))
	main = mainText("the versions page after the rollback")
	shot("rollback")
	mustSee("the versions page after the rollback", main, "Rolled back", "rollback on the moderators' page", "admin-link")
	if got, _ := os.ReadFile(a.path); !bytes.Equal(got, a.orig) {
		t.Error("the knowledge file on disk is not the first version after the rollback")
	}

	// On a phone: one column, nothing wider than the screen.
	do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile),
		chromedp.Navigate(a.base+"/admin/refused"), chromedp.WaitVisible(chromedp.CSS(`article.group`)))
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	shot("phone-refused")
	if overflow {
		t.Error("the refused page is wider than a phone's screen")
	}
}

// serve wires Discord login: the application id, the client secret, the API URL, the home server
// and the moderator roles reach the page, and a moderator logs in through the fake Discord while
// a member without the rule does not.
func TestServeLogsModeratorsInWithDiscord(t *testing.T) {
	const appID, modRole = "1100000000000000001", "1100000000000000002"
	addr := freeAddr(t)
	base := "http://" + addr
	s := serve(t, fakediscord.Options{AppID: appID}, "HTTP_ADDR="+addr, "ADMIN_BASE_URL="+base, "DISCORD_APPLICATION_ID="+appID,
		"DISCORD_CLIENT_SECRET=oauth-secret", "MODERATOR_ROLE_IDS="+modRole)
	s.fake.EnableOAuth2("oauth-secret", base+"/admin/oauth/callback")
	login := func(u fakediscord.User, roles ...string) (string, string) {
		s.fake.AddMember(s.fake.GuildID(), u, roles...)
		s.fake.SetOAuth2User(u)
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
		resp, err := c.Get(base + "/admin/login/discord")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.Request.URL.Path, b.String()
	}
	if path, body := login(fakediscord.User{ID: "1100000000000000010", Username: "mod"}, modRole); path != "/admin/" || !strings.Contains(body, "Overview") {
		t.Errorf("a moderator ends at %s:\n%s", path, body)
	}
	if path, body := login(fakediscord.User{ID: "1100000000000000011", Username: "member"}); path != "/admin/login" || !strings.Contains(body, "You are not a moderator") {
		t.Errorf("a member without the rule ends at %s:\n%s", path, body)
	}
	if n := s.fake.OAuth2Exchanges(); n != 2 {
		t.Errorf("%d codes exchanged, want 2", n)
	}
}
