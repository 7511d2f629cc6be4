package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
)

var listeningRe = regexp.MustCompile(`"msg":"http listening","addr":"([^"]+)"`)

// startServe runs `timelinebot serve` in process with env and args, and returns the base URL of
// its HTTP listener (HTTP_ADDR=127.0.0.1:0), its logs, and a function that stops it and returns
// run's error.
func startServe(t *testing.T, args []string, env []string) (string, *syncBuffer, func() error) {
	t.Helper()
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), append([]string{"HTTP_ADDR=127.0.0.1:0", "LOG_FORMAT=json", "SHUTDOWN_TIMEOUT=5s", "DATABASE_URL=" + testdb.SQLiteURL(t)}, env...), logs, logs)
	}()
	var stopped bool
	var runErr error
	stop := func() error {
		if stopped {
			return runErr
		}
		stopped = true
		cancel()
		select {
		case runErr = <-done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15 s of cancellation")
		}
		return runErr
	}
	t.Cleanup(func() {
		_ = stop()
		if t.Failed() {
			t.Logf("logs:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listeningRe.FindStringSubmatch(logs.String()); m != nil {
			return "http://" + m[1], logs, stop
		}
		select {
		case err := <-done:
			stopped, runErr = true, err
			t.Fatalf("serve ended before listening: %v\nlogs:\n%s", err, logs.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve never listened\nlogs:\n%s", logs.String())
	return "", nil, nil
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if code, _ := httpGet(t, base+"/readyz"); code == 200 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("/readyz never became 200")
}

func postSigned(t *testing.T, url string, priv ed25519.PrivateKey, body []byte) (int, string, string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(out)
}

func metricValue(exposition, series string) string {
	for _, line := range strings.Split(exposition, "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			return strings.Fields(rest)[0]
		}
	}
	return ""
}

func TestServeHTTPMode(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		env   func(fake *fakediscord.Server) []string
		appID bool
	}{
		{"--mode http, application id discovered", []string{"--mode", "http"}, func(*fakediscord.Server) []string { return nil }, false},
		{"DISCORD_MODE=http, application id given", nil, func(f *fakediscord.Server) []string {
			return []string{"DISCORD_MODE=http", "DISCORD_APPLICATION_ID=" + f.AppID()}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakediscord.New(t, fakediscord.Options{})
			pub, priv, _ := ed25519.GenerateKey(nil)
			env := append([]string{
				"DISCORD_TOKEN=" + fake.Token(), "DISCORD_API_URL=" + fake.APIURL(), "DISCORD_GUILD_ID=" + fake.GuildID(),
				"DISCORD_PUBLIC_KEY=" + hex.EncodeToString(pub),
			}, tc.env(fake)...)
			base, logs, stop := startServe(t, tc.args, env)

			if code, body := httpGet(t, base+"/healthz"); code != 200 || body != "ok\n" {
				t.Errorf("/healthz = %d %q", code, body)
			}
			waitReady(t, base)
			if cmds := fake.Commands(fake.GuildID()); len(cmds) != 6 {
				t.Errorf("%d commands registered, want 6", len(cmds))
			}
			atMe := false
			for _, r := range fake.Requests() {
				atMe = atMe || strings.HasSuffix(r.Path, "/applications/@me")
			}
			if atMe == tc.appID {
				t.Errorf("GET (oauth2/)applications/@me called: %v; with DISCORD_APPLICATION_ID given: %v", atMe, tc.appID)
			}

			code, ctype, body := postSigned(t, base+"/interactions", priv, []byte(`{"id":"1","application_id":"`+fake.AppID()+`","type":1,"token":"t","version":1}`))
			if code != 200 || ctype != "application/json" || body != `{"type":1}` {
				t.Errorf("PING: %d %s %q", code, ctype, body)
			}
			_, otherPriv, _ := ed25519.GenerateKey(nil)
			if code, _, _ := postSigned(t, base+"/interactions", otherPriv, []byte(`{"type":1}`)); code != 401 {
				t.Errorf("PING signed with another key: %d, want 401", code)
			}

			ask, _ := json.Marshal(map[string]any{
				"id": "11", "application_id": fake.AppID(), "type": 2, "token": "tok", "version": 1, "locale": "en-US",
				"guild_id": fake.GuildID(), "channel_id": fake.ChannelID(),
				"member": map[string]any{"user": map[string]any{"id": "12", "username": "u"}, "roles": []string{}, "permissions": "0"},
				"data": map[string]any{"id": "13", "name": "ask", "type": 1,
					"options": []any{map[string]any{"name": "question", "type": 3, "value": "What did WikiLeaks request on October 21, 2016?"}}},
			})
			code, ctype, body = postSigned(t, base+"/interactions", priv, ask)
			var resp struct {
				Type int `json:"type"`
				Data struct {
					Embeds []struct {
						Description string `json:"description"`
					} `json:"embeds"`
					AllowedMentions struct {
						Parse []string `json:"parse"`
					} `json:"allowed_mentions"`
				} `json:"data"`
			}
			if err := json.Unmarshal([]byte(body), &resp); err != nil || code != 200 || ctype != "application/json" {
				t.Fatalf("/ask: %d %s %q (%v)", code, ctype, body, err)
			}
			if resp.Type != 4 || len(resp.Data.Embeds) == 0 || !strings.Contains(resp.Data.Embeds[0].Description, "tax") ||
				resp.Data.AllowedMentions.Parse == nil || len(resp.Data.AllowedMentions.Parse) != 0 {
				t.Errorf("/ask answer: %s", body)
			}

			_, exposition := httpGet(t, base+"/metrics")
			for series, want := range map[string]string{
				`timelinebot_questions_total{entry="http",outcome="answered"}`: "1",
				`timelinebot_http_interactions_ready`:                          "1",
				`timelinebot_gateway_connected`:                                "0",
				`timelinebot_knowledge_events`:                                 "",
			} {
				if got := metricValue(exposition, series); (want == "" && got == "") || (want != "" && got != want) {
					t.Errorf("%s = %q, want %q", series, got, want)
				}
			}
			if strings.Contains(logs.String(), fake.Token()) {
				t.Error("the bot token reached the logs")
			}

			if err := stop(); err != nil {
				t.Errorf("serve returned %v after cancellation, want nil", err)
			}
			if _, err := http.Get(base + "/healthz"); err == nil {
				t.Error("the HTTP server still answers after shutdown")
			}
		})
	}
}

func TestServeHTTPModeRefusesBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"no public key", []string{"--mode", "http"}, []string{"HTTP_ADDR=127.0.0.1:0"}, "DISCORD_PUBLIC_KEY"},
		{"no address", []string{"--mode", "http"}, []string{"DISCORD_PUBLIC_KEY=" + strings.Repeat("ab", 32)}, "HTTP_ADDR"},
		{"unknown mode", []string{"--mode", "websocket"}, nil, "gateway or http"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), append([]string{"serve"}, tc.args...), append([]string{"DISCORD_TOKEN=" + strings.Repeat("x", 30)}, tc.env...), &out, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one naming %s", err, tc.want)
			}
		})
	}
}

// In gateway mode, HTTP_ADDR serves the metrics and health endpoints, ready once READY arrived.
func TestServeGatewayModeWithMetricsServer(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	base, _, stop := startServe(t, nil, []string{
		"DISCORD_TOKEN=" + fake.Token(), "DISCORD_API_URL=" + fake.APIURL(), "DISCORD_GUILD_ID=" + fake.GuildID(),
	})
	waitReady(t, base)
	_, exposition := httpGet(t, base+"/metrics")
	if got := metricValue(exposition, "timelinebot_gateway_connected"); got != "1" {
		t.Errorf("gateway_connected = %q, want 1", got)
	}
	if code, _ := httpGet(t, base+"/interactions"); code != 404 {
		t.Errorf("/interactions in gateway mode = %d, want 404", code)
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
}
