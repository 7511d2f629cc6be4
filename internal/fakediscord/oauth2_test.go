package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The OAuth2 endpoints refuse what Discord refuses.
func TestOAuth2Rules(t *testing.T) {
	s := New(t, Options{AllowViolations: true})
	cb := "https://bot.example.org/admin/oauth/callback"
	s.EnableOAuth2("secret", cb)
	u := User{ID: "900000000000000001", Username: "mod"}
	s.SetOAuth2User(u)
	s.AddMember(s.GuildID(), u, "900000000000000002")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	authorize := func(q url.Values) *http.Response {
		t.Helper()
		resp, err := noFollow.Get(s.URL() + "/oauth2/authorize?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	good := url.Values{"client_id": {s.AppID()}, "redirect_uri": {cb}, "response_type": {"code"}, "scope": {"identify guilds.members.read"}, "state": {"st"}}
	bad := []struct {
		name, key, value, violation string
	}{
		{"client", "client_id", "1", "unknown client_id"},
		{"redirect", "redirect_uri", "https://evil.example/cb", "is not registered"},
		{"grant", "response_type", "token", "response_type must be code"},
		{"scope", "scope", "identify admin", "unknown scope"},
	}
	for _, tc := range bad {
		q := url.Values{}
		for k, v := range good {
			q[k] = v
		}
		q.Set(tc.key, tc.value)
		if resp := authorize(q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400 (no redirect)", tc.name, resp.StatusCode)
		}
		if v := s.TakeViolations(); len(v) != 1 || !strings.Contains(v[0], tc.violation) {
			t.Errorf("%s: violations %v", tc.name, v)
		}
	}
	resp := authorize(good)
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("state") != "st" || loc.Query().Get("code") == "" {
		t.Fatalf("authorize: %d %s", resp.StatusCode, loc)
	}
	code := loc.Query().Get("code")

	token := func(form url.Values, user, pass string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, s.APIURL()+"/oauth2/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if user != "" {
			req.SetBasicAuth(user, pass)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	exchange := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {cb}}
	if st, body := token(exchange, s.AppID(), "wrong"); st != http.StatusUnauthorized || body["error"] != "invalid_client" {
		t.Errorf("wrong secret: %d %v", st, body)
	}
	wrongRedirect := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {"https://bot.example.org/other"}}
	if st, body := token(wrongRedirect, s.AppID(), "secret"); st != http.StatusBadRequest || body["error"] != "invalid_grant" {
		t.Errorf("another redirect_uri: %d %v", st, body)
	}
	// The failed attempt spent the code, as on Discord.
	if st, body := token(exchange, s.AppID(), "secret"); st != http.StatusBadRequest || body["error"] != "invalid_grant" {
		t.Errorf("spent code: %d %v", st, body)
	}
	// A fresh code, with the client in the form this time.
	code = func() string { l, _ := url.Parse(authorize(good).Header.Get("Location")); return l.Query().Get("code") }()
	exchange.Set("code", code)
	exchange.Set("client_id", s.AppID())
	exchange.Set("client_secret", "secret")
	st, body := token(exchange, "", "")
	if st != http.StatusOK || body["token_type"] != "Bearer" || body["scope"] != "identify guilds.members.read" {
		t.Fatalf("exchange: %d %v", st, body)
	}
	access := body["access_token"].(string)

	member := func(guild, auth string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, s.APIURL()+"/users/@me/guilds/"+guild+"/member", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		return resp.StatusCode, m
	}
	if st, m := member(s.GuildID(), "Bearer "+access); st != http.StatusOK || m["roles"].([]any)[0] != "900000000000000002" || m["user"].(map[string]any)["id"] != u.ID {
		t.Errorf("current member: %d %v", st, m)
	}
	if st, _ := member(s.GuildID(), "Bearer forged"); st != http.StatusUnauthorized {
		t.Errorf("forged bearer: %d", st)
	}
	if st, m := member("123", "Bearer "+access); st != http.StatusNotFound || m["code"] != float64(10004) {
		t.Errorf("another guild: %d %v", st, m)
	}
	// Without guilds.members.read, no membership.
	narrow := url.Values{}
	for k, v := range good {
		narrow[k] = v
	}
	narrow.Set("scope", "identify")
	l, _ := url.Parse(authorize(narrow).Header.Get("Location"))
	_, body = token(url.Values{"grant_type": {"authorization_code"}, "code": {l.Query().Get("code")}, "redirect_uri": {cb}}, s.AppID(), "secret")
	if st, m := member(s.GuildID(), "Bearer "+body["access_token"].(string)); st != http.StatusForbidden || m["code"] != float64(50001) {
		t.Errorf("identify only: %d %v", st, m)
	}
}
